using System.Net.Sockets;

namespace Traffic.Sumo.Traci;

/// <summary>
/// A TraCI client: over TCP to a sumo process (<see cref="Connect"/>), or in-process to libsumo
/// (<see cref="InProcessSumo"/>), with the same messages either way. Every call is one request message and
/// one reply; use a <see cref="TraciBatch"/> to send many commands in one message and subscriptions to get
/// values with every step. Not thread-safe: one simulation, one caller.
/// </summary>
public sealed class TraciClient : IDisposable
{
    private readonly ITraciTransport transport;
    private readonly TraciReader reader = new();
    private readonly TraciBatch single = new();
    private readonly Dictionary<string, TraciSubscription>[] subscriptions = new Dictionary<string, TraciSubscription>[16];
    private bool closed;

    internal TraciClient(ITraciTransport transport)
    {
        this.transport = transport;
        for (var i = 0; i < subscriptions.Length; i++)
        {
            subscriptions[i] = new Dictionary<string, TraciSubscription>(StringComparer.Ordinal);
        }
    }

    /// <summary>Simulation steps done through this client.</summary>
    public long Steps { get; private set; }

    /// <summary>Messages exchanged (round trips).</summary>
    public long RoundTrips { get; private set; }

    /// <summary>Connects to a SUMO started with --remote-port, retrying until it listens or <paramref name="timeout"/> passes.</summary>
    public static TraciClient Connect(string host, int port, TimeSpan timeout, Func<bool>? giveUp = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var tcp = new TcpClient();
            try
            {
                tcp.Connect(host, port);
                return new TraciClient(new TcpTransport(tcp));
            }
            catch (SocketException e)
            {
                tcp.Dispose();
                if (DateTime.UtcNow > deadline || (giveUp?.Invoke() ?? false))
                {
                    throw new TraciException($"could not connect to SUMO at {host}:{port}: {e.Message}", e);
                }

                Thread.Sleep(20);
            }
        }
    }

    /// <summary>The TraCI API level and SUMO's version string.</summary>
    public (int Api, string Version) GetVersion()
    {
        single.Clear();
        var slot = single.GetVersion();
        Execute(single);
        return (single.Result(slot).AsInt(), single.Result(slot + 1).AsString());
    }

    public TraciValue Get(TraciDomain domain, byte variable, string objectId)
    {
        single.Clear();
        var slot = single.Get(domain, variable, objectId);
        Execute(single);
        return single.Result(slot);
    }

    public TraciSubscription Subscribe(TraciDomain domain, string objectId, params byte[] variables)
    {
        single.Clear();
        var s = single.Subscribe(domain, objectId, variables);
        Execute(single);
        return s;
    }

    /// <summary>One simulation step; subscribed values are updated.</summary>
    public void Step()
    {
        single.Clear();
        single.Step();
        Execute(single);
    }

    /// <summary>
    /// Drops a subscription from the client's table (SUMO ends a vehicle's subscriptions by itself when the vehicle
    /// leaves the network; values that still came for it would be ignored).
    /// </summary>
    public void Forget(TraciDomain domain, string objectId) => subscriptions[(int)domain].Remove(objectId);

    /// <summary>Sends every command of the batch in one message and reads every answer.</summary>
    public void Execute(TraciBatch batch)
    {
        if (closed)
        {
            throw new TraciException("the TraCI connection is closed");
        }

        if (batch.Count == 0)
        {
            return;
        }

        foreach (var s in batch.NewSubscriptions)
        {
            subscriptions[(int)s.Domain][s.ObjectId] = s;
        }

        transport.Exchange(batch.Writer.Message, reader);

        RoundTrips++;
        foreach (var command in batch.Commands)
        {
            ReadStatus(command);
            switch (command.Kind)
            {
                case ExpectKind.Get:
                    ReadGetResult(batch, command);
                    break;
                case ExpectKind.Subscribe:
                    ReadSubscription();
                    break;
                case ExpectKind.Step:
                    Steps++;
                    var n = reader.Int();
                    for (var i = 0; i < n; i++)
                    {
                        ReadSubscription();
                    }

                    break;
                case ExpectKind.Version:
                    var end = reader.CommandEnd();
                    reader.Byte();
                    batch.SetResult(command.Slot, TraciValue.Number(TraciWire.TypeInteger, reader.Int()));
                    batch.SetResult(command.Slot + 1, TraciValue.Text(reader.String()));
                    reader.Position = end;
                    break;
            }
        }
    }

    /// <summary>Ends the simulation (SUMO writes its outputs and exits) and closes the connection.</summary>
    public void Close()
    {
        if (closed)
        {
            return;
        }

        single.Clear();
        single.Close();
        try
        {
            Execute(single);
        }
        finally
        {
            closed = true;
            transport.Dispose();
        }
    }

    public void Dispose()
    {
        closed = true;
        transport.Dispose();
    }

    private void ReadStatus(in Expected command)
    {
        var end = reader.CommandEnd();
        var id = reader.Byte();
        var result = reader.Byte();
        var description = reader.String();
        reader.Position = end;
        if (id != command.CommandId)
        {
            throw new TraciException($"{command.What}: SUMO answered command 0x{id:X2}, expected 0x{command.CommandId:X2}");
        }

        if (result != TraciWire.StatusOk)
        {
            var kind = result == TraciWire.StatusNotImplemented ? "not implemented" : "error";
            throw new TraciException($"{command.What}: SUMO answered {kind}: {description}");
        }
    }

    private void ReadGetResult(TraciBatch batch, in Expected command)
    {
        var end = reader.CommandEnd();
        var id = reader.Byte();
        if ((id & 0xF0) != TraciWire.GetResponseBase || (command.CommandId & 0x0F) != (id & 0x0F))
        {
            throw new TraciException($"{command.What}: unexpected response command 0x{id:X2}");
        }

        reader.Byte(); // variable
        reader.String(); // object id
        batch.SetResult(command.Slot, reader.Value());
        reader.Position = end;
    }

    private void ReadSubscription()
    {
        var end = reader.CommandEnd();
        var id = reader.Byte();
        if ((id & 0xF0) != TraciWire.SubscribeResponseBase)
        {
            throw new TraciException($"unexpected subscription response 0x{id:X2}");
        }

        var objectId = reader.String();
        var count = reader.Byte();
        subscriptions[id & 0x0F].TryGetValue(objectId, out var subscription);
        for (var i = 0; i < count; i++)
        {
            var variable = reader.Byte();
            var status = reader.Byte();
            var value = reader.Value();
            if (status != TraciWire.StatusOk)
            {
                throw new TraciException($"subscription of {(TraciDomain)(id & 0x0F)} '{objectId}' variable 0x{variable:X2} failed: {value}");
            }

            subscription?.Store(variable, value, Steps);
        }

        reader.Position = end;
    }
}
