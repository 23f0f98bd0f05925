using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Traffic.Sumo.Traci;

/// <summary>
/// SUMO inside this process (libsumo, through the small C++ shim Native/traffic_libsumo.cpp that answers the same
/// TraCI messages a sumo process answers over TCP): no socket, no second process, no per-step round trip.
/// libsumo holds one simulation per process, so one <see cref="InProcessSumo"/> runs at a time; a second
/// <see cref="Start"/> waits until the first is disposed. SUMO_HOME defaults to /usr/share/sumo when unset.
/// Dispose closes the simulation (SUMO writes its outputs).
/// </summary>
public sealed partial class InProcessSumo : ISumoSession
{
    /// <summary>The shim's file name (built next to the assemblies by Traffic.Sumo.csproj).</summary>
    public const string Library = "libtraffic_libsumo.so";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private readonly double cpuAtStart;
    private bool disposed;

    private InProcessSumo(double cpuAtStart)
    {
        this.cpuAtStart = cpuAtStart;
        Client = new TraciClient(new LibsumoTransport());
    }

    public TraciClient Client { get; }

    /// <summary>SUMO's messages go to this process's own output; the load error, when there was one, comes in the exception.</summary>
    public string Output => "";

    /// <summary>CPU time spent inside libsumo (loading, steps, reads) since the start.</summary>
    public TimeSpan? ProcessorTime => TimeSpan.FromSeconds(Native.traffic_sumo_cpu_seconds() - cpuAtStart);

    /// <summary>Whether the shim is there and loads (libsumocpp.so installed with the sumo package).</summary>
    public static bool IsAvailable(out string reason)
    {
        try
        {
            _ = Native.traffic_sumo_cpu_seconds();
            reason = "";
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            reason = NotBuilt(e);
            return false;
        }
    }

    /// <summary>Loads the simulation of <paramref name="arguments"/> (sumo's command line without the binary).</summary>
    public static InProcessSumo Start(IEnumerable<string> arguments)
    {
        var args = arguments.ToArray();
        Gate.Wait();
        try
        {
            double cpu;
            int rc;
            try
            {
                cpu = Native.traffic_sumo_cpu_seconds();
                rc = Native.traffic_sumo_load(args.Length, args);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                throw new TraciException(NotBuilt(e), e);
            }

            if (rc != 0)
            {
                throw new TraciException($"in-process SUMO (libsumo) could not load '{string.Join(' ', args)}': {Native.Error()} (SUMO's own message is on this process's error output)");
            }

            return new InProcessSumo(cpu);
        }
        catch
        {
            Gate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            Client.Close();
        }
        catch (TraciException)
        {
            // already closed
        }
        finally
        {
            Client.Dispose();
            Native.traffic_sumo_close(); // when the close command could not be sent (a broken run), the next load still starts clean
            Gate.Release();
        }
    }

    private static string NotBuilt(Exception e) =>
        $"in-process SUMO needs {Library} (built from simulation/Traffic.Sumo/Native/traffic_libsumo.cpp with g++ against SUMO's libsumocpp.so; apt-get install g++ sumo, then dotnet build): {e.Message}";

    /// <summary>Hands request messages to the shim and copies its reply.</summary>
    internal sealed class LibsumoTransport : ITraciTransport
    {

        public unsafe void Exchange(ReadOnlySpan<byte> request, TraciReader reader)
        {
            byte* reply;
            int replyLength;
            int rc;
            fixed (byte* r = request)
            {
                rc = Native.traffic_sumo_exchange(r, request.Length, &reply, &replyLength);
            }

            if (rc != 0)
            {
                throw new TraciException($"in-process SUMO refused the request: {Native.Error()}");
            }

            var message = new ReadOnlySpan<byte>(reply, replyLength);
            var length = BinaryPrimitives.ReadInt32BigEndian(message);
            if (length != replyLength)
            {
                throw new TraciException($"in-process SUMO answered a message with bad length {length} (the reply has {replyLength} bytes)");
            }

            message[4..].CopyTo(reader.Receive(length));
        }

        public void Dispose()
        {
        }
    }

    private static unsafe partial class Native
    {
        private const string Name = "traffic_libsumo";

        [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int traffic_sumo_load(int argc, string[] argv);

        [LibraryImport(Name)]
        public static partial int traffic_sumo_exchange(byte* request, int length, byte** reply, int* replyLength);

        [LibraryImport(Name)]
        public static partial double traffic_sumo_cpu_seconds();

        [LibraryImport(Name)]
        public static partial void traffic_sumo_close();

        [LibraryImport(Name)]
        private static partial nint traffic_sumo_error();

        public static string Error() => Marshal.PtrToStringUTF8(traffic_sumo_error()) ?? "";
    }
}
