namespace Traffic.Simulation;

/// <summary>
/// Vehicles as parallel arrays indexed by slot (struct of arrays). Slots are reused through a free
/// stack; the arrays double when full, so a run allocates only while the fleet grows.
/// </summary>
internal sealed class VehicleStore
{
    internal const byte YellowUndecided = 0;
    internal const byte YellowGo = 1;
    internal const byte YellowStop = 2;

    internal double[] Pos;
    internal double[] Speed;
    internal double[] Length;
    internal double[] CrossTime; // time the front crossed the stop line during the current step
    internal double[] PrevOffset; // position in the previous lane = Pos + PrevOffset
    internal double[] EnterTime; // arrival in the demand (before any wait to enter)
    internal int[] Lane;
    internal int[] PrevLane; // lane just left whose loops still see the rear, or -1
    internal int[] Route;
    internal int[] RoutePos;
    internal int[] Target; // chosen lane on the next link, or -1
    internal long[] Serial;
    internal byte[] Yellow;
    internal byte[] Class;
    internal int[] Stops;
    internal bool[] Halted;

    private int[] free;
    private int freeCount;

    public VehicleStore(int capacity)
    {
        Pos = new double[capacity];
        Speed = new double[capacity];
        Length = new double[capacity];
        CrossTime = new double[capacity];
        PrevOffset = new double[capacity];
        EnterTime = new double[capacity];
        Lane = new int[capacity];
        PrevLane = new int[capacity];
        Route = new int[capacity];
        RoutePos = new int[capacity];
        Target = new int[capacity];
        Serial = new long[capacity];
        Yellow = new byte[capacity];
        Class = new byte[capacity];
        Stops = new int[capacity];
        Halted = new bool[capacity];
        free = new int[capacity];
        for (var i = 0; i < capacity; i++)
        {
            free[i] = capacity - 1 - i;
        }

        freeCount = capacity;
    }

    public int Capacity => Pos.Length;

    public int Allocate()
    {
        if (freeCount == 0)
        {
            Grow();
        }

        return free[--freeCount];
    }

    public void Release(int v) => free[freeCount++] = v;

    private void Grow()
    {
        var old = Capacity;
        var size = old * 2;
        Array.Resize(ref Pos, size);
        Array.Resize(ref Speed, size);
        Array.Resize(ref Length, size);
        Array.Resize(ref CrossTime, size);
        Array.Resize(ref PrevOffset, size);
        Array.Resize(ref EnterTime, size);
        Array.Resize(ref Lane, size);
        Array.Resize(ref PrevLane, size);
        Array.Resize(ref Route, size);
        Array.Resize(ref RoutePos, size);
        Array.Resize(ref Target, size);
        Array.Resize(ref Serial, size);
        Array.Resize(ref Yellow, size);
        Array.Resize(ref Class, size);
        Array.Resize(ref Stops, size);
        Array.Resize(ref Halted, size);
        Array.Resize(ref free, size);
        for (var i = 0; i < old; i++)
        {
            free[freeCount++] = size - 1 - i;
        }
    }
}
