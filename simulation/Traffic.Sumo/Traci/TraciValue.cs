using System.Globalization;

namespace Traffic.Sumo.Traci;

/// <summary>One typed value as TraCI returned it: a number (ubyte, byte, integer, double), a string, a string list or a 2D position.</summary>
public readonly struct TraciValue
{
    private readonly double number;
    private readonly double y;
    private readonly object? reference;

    private TraciValue(byte type, double number, double y, object? reference)
    {
        Type = type;
        this.number = number;
        this.y = y;
        this.reference = reference;
    }

    /// <summary>The TraCI type tag (0x09 integer, 0x0B double, 0x0C string, ...).</summary>
    public byte Type { get; }

    public bool IsNumber => Type is TraciWire.TypeInteger or TraciWire.TypeDouble or TraciWire.TypeUByte or TraciWire.TypeByte;

    public static TraciValue Number(byte type, double value) => new(type, value, 0, null);

    public static TraciValue Text(string value) => new(TraciWire.TypeString, 0, 0, value);

    public static TraciValue List(string[] value) => new(TraciWire.TypeStringList, 0, 0, value);

    public static TraciValue Position(double x, double y) => new(TraciWire.TypePosition2D, x, y, null);

    public static TraciValue Other(byte type) => new(type, 0, 0, null);

    public int AsInt() => IsNumber ? (int)number : throw Mismatch("a number");

    public double AsDouble() => IsNumber ? number : throw Mismatch("a number");

    public string AsString() => Type == TraciWire.TypeString ? (string)reference! : throw Mismatch("a string");

    public IReadOnlyList<string> AsStringList() => Type == TraciWire.TypeStringList ? (string[])reference! : throw Mismatch("a string list");

    public (double X, double Y) AsPosition() => Type == TraciWire.TypePosition2D ? (number, y) : throw Mismatch("a 2D position");

    public override string ToString() => Type switch
    {
        TraciWire.TypeString => AsString(),
        TraciWire.TypeStringList => string.Join(' ', AsStringList()),
        TraciWire.TypePosition2D => string.Create(CultureInfo.InvariantCulture, $"({number}, {y})"),
        _ when IsNumber => number.ToString(CultureInfo.InvariantCulture),
        _ => $"<type 0x{Type:X2}>",
    };

    private TraciException Mismatch(string wanted) => new($"TraCI value of type 0x{Type:X2} is not {wanted}");
}
