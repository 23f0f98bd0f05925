using System.Buffers.Binary;
using System.Text;

namespace Traffic.Sumo.Traci;

/// <summary>
/// Builds one TraCI message: a 4-byte big-endian total length, then commands. Each command is a
/// length byte counting itself, the command id and the content; a command longer than 255 bytes
/// writes a 0 byte and then a 4-byte length counting those 5 bytes too.
/// </summary>
internal sealed class TraciWriter
{
    private byte[] buffer = new byte[1024];
    private int commandStart = -1;

    public TraciWriter() => Reset();

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Message
    {
        get
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer, Length);
            return buffer.AsSpan(0, Length);
        }
    }

    public void Reset()
    {
        Length = 4; // room for the message length
        commandStart = -1;
    }

    /// <summary>Starts a command; the content follows, then <see cref="EndCommand"/>.</summary>
    public void BeginCommand(byte id)
    {
        if (commandStart >= 0)
        {
            throw new InvalidOperationException("a TraCI command is already open");
        }

        commandStart = Length;
        Ensure(6);
        Length += 5; // always reserve the long form; shortened in EndCommand when it fits
        buffer[Length++] = id;
    }

    public void EndCommand()
    {
        if (commandStart < 0)
        {
            throw new InvalidOperationException("no TraCI command is open");
        }

        var contentStart = commandStart + 5;
        var size = Length - contentStart; // id + content
        if (size + 1 <= 255)
        {
            buffer.AsSpan(contentStart, size).CopyTo(buffer.AsSpan(commandStart + 1));
            buffer[commandStart] = (byte)(size + 1);
            Length = commandStart + 1 + size;
        }
        else
        {
            buffer[commandStart] = 0;
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(commandStart + 1), size + 5);
        }

        commandStart = -1;
    }

    public void Byte(byte value)
    {
        Ensure(1);
        buffer[Length++] = value;
    }

    public void Int(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(Length), value);
        Length += 4;
    }

    public void Double(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleBigEndian(buffer.AsSpan(Length), value);
        Length += 8;
    }

    public void String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Int(count);
        Ensure(count);
        Encoding.UTF8.GetBytes(value, buffer.AsSpan(Length));
        Length += count;
    }

    private void Ensure(int more)
    {
        if (Length + more > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, Length + more));
        }
    }
}
