using System.Buffers.Binary;
using System.Net.Sockets;

namespace Traffic.Sumo.Traci;

/// <summary>How a <see cref="TraciClient"/>'s messages reach SUMO: one request message in, one reply message out.</summary>
internal interface ITraciTransport : IDisposable
{
    /// <summary>Sends <paramref name="request"/> (a whole message with its length) and loads the reply's body into <paramref name="reader"/>.</summary>
    void Exchange(ReadOnlySpan<byte> request, TraciReader reader);
}

/// <summary>A sumo process's TraCI server on a TCP socket.</summary>
internal sealed class TcpTransport : ITraciTransport
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;

    public TcpTransport(TcpClient tcp)
    {
        this.tcp = tcp;
        tcp.NoDelay = true;
        stream = tcp.GetStream();
    }

    public void Exchange(ReadOnlySpan<byte> request, TraciReader reader)
    {
        try
        {
            stream.Write(request);
            Span<byte> header = stackalloc byte[4];
            stream.ReadExactly(header);
            stream.ReadExactly(reader.Receive(BinaryPrimitives.ReadInt32BigEndian(header)));
        }
        catch (IOException e)
        {
            throw new TraciException($"TraCI connection lost: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        stream.Dispose();
        tcp.Dispose();
    }
}
