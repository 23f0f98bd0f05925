using System.Numerics;
using System.Runtime.CompilerServices;

namespace Traffic.Simulation;

/// <summary>
/// For every lane, the vehicles on it in order from the front (nearest the downstream end) to the
/// back, as a ring buffer of slots. Vehicles only join at the back and leave at the front, so the
/// order never needs sorting. Buffers are powers of two and double when full.
/// </summary>
internal sealed class LaneQueues
{
    internal readonly int[][] Buffers;
    internal readonly int[] First;
    internal readonly int[] Count;

    public LaneQueues(RoadNetwork net, double jamSpacing)
    {
        var n = net.LaneCount;
        Buffers = new int[n][];
        First = new int[n];
        Count = new int[n];
        for (var l = 0; l < n; l++)
        {
            // Storage of the lane plus room for vehicles still on the path through the intersection.
            var expected = (int)Math.Ceiling((net.LaneLength[l] + 60) / jamSpacing) + 4;
            Buffers[l] = new int[(int)BitOperations.RoundUpToPowerOf2((uint)expected)];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int At(int lane, int k)
    {
        var b = Buffers[lane];
        return b[(First[lane] + k) & (b.Length - 1)];
    }

    public int Front(int lane) => At(lane, 0);

    public int Back(int lane) => At(lane, Count[lane] - 1);

    public void PushBack(int lane, int v)
    {
        var b = Buffers[lane];
        if (Count[lane] == b.Length)
        {
            b = GrowBuffer(lane);
        }

        b[(First[lane] + Count[lane]) & (b.Length - 1)] = v;
        Count[lane]++;
    }

    public int PopFront(int lane)
    {
        var b = Buffers[lane];
        var v = b[First[lane]];
        First[lane] = (First[lane] + 1) & (b.Length - 1);
        Count[lane]--;
        return v;
    }

    private int[] GrowBuffer(int lane)
    {
        var old = Buffers[lane];
        var grown = new int[old.Length * 2];
        for (var k = 0; k < Count[lane]; k++)
        {
            grown[k] = old[(First[lane] + k) & (old.Length - 1)];
        }

        Buffers[lane] = grown;
        First[lane] = 0;
        return grown;
    }
}
