using System.Runtime.InteropServices;

namespace Traffic.Sumo.Runs;

/// <summary>
/// CPU seconds (user + system) of this process's terminated and reaped child processes, from getrusage(RUSAGE_CHILDREN):
/// the difference around a child's run is that child's CPU time, including its last moments (writing its outputs and
/// exiting), which <see cref="System.Diagnostics.Process.TotalProcessorTime"/> can no longer read once it has exited.
/// NaN where the call is not available.
/// </summary>
internal static partial class ChildCpu
{
    private const int RusageChildren = -1;

    public static double Seconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        try
        {
            return GetRusage(RusageChildren, out var usage) == 0
                ? usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6)
                : double.NaN;
        }
        catch (DllNotFoundException)
        {
            return double.NaN;
        }
        catch (EntryPointNotFoundException)
        {
            return double.NaN;
        }
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs this class does not read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        private readonly long r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13;
    }
}
