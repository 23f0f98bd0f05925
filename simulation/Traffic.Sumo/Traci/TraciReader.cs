using System.Buffers.Binary;
using System.Text;

namespace Traffic.Sumo.Traci;

/// <summary>Reads the big-endian fields of a TraCI response message.</summary>
internal sealed class TraciReader
{
    private byte[] data = new byte[4096];
    private int end;

    public int Position { get; set; }

    public bool AtEnd => Position >= end;

    /// <summary>
    /// Makes room for the body of a reply whose length field says <paramref name="messageLength"/> (the four length bytes
    /// included) and returns it for the transport to fill; reading then starts at the body's first byte.
    /// </summary>
    public Span<byte> Receive(int messageLength)
    {
        var length = messageLength - 4;
        if (length < 0)
        {
            throw new TraciException($"TraCI message with bad length {messageLength}");
        }

        if (length > data.Length)
        {
            data = new byte[Math.Max(length, data.Length * 2)];
        }

        end = length;
        Position = 0;
        return data.AsSpan(0, length);
    }

    /// <summary>Reads a command's length field; returns the position just past the command.</summary>
    public int CommandEnd()
    {
        var start = Position;
        int length = Byte();
        if (length == 0)
        {
            length = Int();
        }

        if (length < 2 || start + length > end)
        {
            throw new TraciException($"TraCI response command at byte {start} has a bad length {length}");
        }

        return start + length;
    }

    public byte Byte()
    {
        Need(1);
        return data[Position++];
    }

    public int Int()
    {
        Need(4);
        var v = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(Position));
        Position += 4;
        return v;
    }

    public double Double()
    {
        Need(8);
        var v = BinaryPrimitives.ReadDoubleBigEndian(data.AsSpan(Position));
        Position += 8;
        return v;
    }

    public string String()
    {
        var count = Int();
        if (count < 0)
        {
            throw new TraciException($"TraCI string at byte {Position - 4} has a negative length {count}");
        }

        Need(count);
        var s = Encoding.UTF8.GetString(data, Position, count);
        Position += count;
        return s;
    }

    /// <summary>Reads a type tag and the value that follows it.</summary>
    public TraciValue Value()
    {
        var type = Byte();
        switch (type)
        {
            case TraciWire.TypeUByte:
                return TraciValue.Number(type, Byte());
            case TraciWire.TypeByte:
                return TraciValue.Number(type, (sbyte)Byte());
            case TraciWire.TypeInteger:
                return TraciValue.Number(type, Int());
            case TraciWire.TypeDouble:
                return TraciValue.Number(type, Double());
            case TraciWire.TypeString:
                return TraciValue.Text(String());
            case TraciWire.TypeStringList:
                var n = Int();
                var list = new string[n];
                for (var i = 0; i < n; i++)
                {
                    list[i] = String();
                }

                return TraciValue.List(list);
            case TraciWire.TypePosition2D:
                var x = Double();
                return TraciValue.Position(x, Double());
            default:
                throw new TraciException($"TraCI value type 0x{type:X2} at byte {Position - 1} is not supported by this client");
        }
    }

    private void Need(int count)
    {
        if (Position + count > end)
        {
            throw new TraciException($"TraCI response ends at byte {end}, needed {count} more bytes at {Position}");
        }
    }
}
