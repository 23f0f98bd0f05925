namespace Traffic.Signals.Model;

/// <summary>
/// Symmetric matrix over signal-group indices: true where the two groups must never show a
/// non-red indication (green, yellow, walk, flashing don't walk) at the same time.
/// </summary>
public sealed class ConflictMatrix
{
    private readonly bool[] cells;

    public ConflictMatrix(int size)
    {
        Size = size;
        cells = new bool[size * size];
    }

    public int Size { get; }

    public bool this[int a, int b] => cells[(a * Size) + b];

    public void Set(int a, int b)
    {
        cells[(a * Size) + b] = true;
        cells[(b * Size) + a] = true;
    }

    public IEnumerable<(int A, int B)> Pairs()
    {
        for (var a = 0; a < Size; a++)
        {
            for (var b = a + 1; b < Size; b++)
            {
                if (this[a, b])
                {
                    yield return (a, b);
                }
            }
        }
    }
}
