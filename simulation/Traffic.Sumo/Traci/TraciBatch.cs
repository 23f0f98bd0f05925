namespace Traffic.Sumo.Traci;

/// <summary>
/// Several TraCI commands sent as one message and answered in one reply: one round trip (about
/// 100 us here) instead of one per command. Queue commands, run them with
/// <see cref="TraciClient.Execute"/>, then read the results by the slot each get returned.
/// A batch can be cleared and reused.
/// </summary>
public sealed class TraciBatch
{
    private readonly List<TraciValue> results = [];

    private bool stepped;

    internal TraciWriter Writer { get; } = new();

    internal List<Expected> Commands { get; } = [];

    internal List<TraciSubscription> NewSubscriptions { get; } = [];

    public int Count => Commands.Count;

    /// <summary>Queues a get-variable command; returns the slot of its result.</summary>
    public int Get(TraciDomain domain, byte variable, string objectId)
    {
        var command = (byte)(TraciWire.GetBase | (byte)domain);
        Open();
        Writer.BeginCommand(command);
        Writer.Byte(variable);
        Writer.String(objectId);
        Writer.EndCommand();
        var slot = results.Count;
        results.Add(default);
        Commands.Add(new Expected(ExpectKind.Get, command, $"get {domain} '{objectId}' variable 0x{variable:X2}", slot));
        return slot;
    }

    public void SetString(TraciDomain domain, byte variable, string objectId, string value)
    {
        BeginSet(domain, variable, objectId, TraciWire.TypeString);
        Writer.String(value);
        EndSet(domain, variable, objectId, value);
    }

    public void SetInt(TraciDomain domain, byte variable, string objectId, int value)
    {
        BeginSet(domain, variable, objectId, TraciWire.TypeInteger);
        Writer.Int(value);
        EndSet(domain, variable, objectId, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Traffic light: show exactly this state (one char per link index) until told otherwise.</summary>
    public void SetTrafficLightState(string tlsId, string state) => SetString(TraciDomain.TrafficLight, TraciVar.TlState, tlsId, state);

    /// <summary>Traffic light: switch to a programme of the network ("0" is netconvert's default), giving control back to SUMO.</summary>
    public void SetTrafficLightProgram(string tlsId, string programId) => SetString(TraciDomain.TrafficLight, TraciVar.TlProgram, tlsId, programId);

    /// <summary>Queues a variable subscription; its values arrive now and with every later step.</summary>
    public TraciSubscription Subscribe(TraciDomain domain, string objectId, params byte[] variables)
    {
        var subscription = new TraciSubscription(domain, objectId, variables);
        var command = (byte)(TraciWire.SubscribeBase | (byte)domain);
        Open();
        Writer.BeginCommand(command);
        Writer.Double(0);
        Writer.Double(1e9);
        Writer.String(objectId);
        Writer.Byte((byte)variables.Length);
        foreach (var v in variables)
        {
            Writer.Byte(v);
        }

        Writer.EndCommand();
        NewSubscriptions.Add(subscription);
        Commands.Add(new Expected(ExpectKind.Subscribe, command, $"subscribe {domain} '{objectId}'", -1));
        return subscription;
    }

    /// <summary>Queues one simulation step (or steps up to <paramref name="targetTime"/> seconds when it is above 0).</summary>
    public void Step(double targetTime = 0)
    {
        Open();
        stepped = true;
        Writer.BeginCommand(TraciWire.SimulationStep);
        Writer.Double(targetTime);
        Writer.EndCommand();
        Commands.Add(new Expected(ExpectKind.Step, TraciWire.SimulationStep, "simulation step", -1));
    }

    internal int GetVersion()
    {
        Open();
        Writer.BeginCommand(TraciWire.GetVersion);
        Writer.EndCommand();
        var slot = results.Count;
        results.Add(default);
        results.Add(default);
        Commands.Add(new Expected(ExpectKind.Version, TraciWire.GetVersion, "get version", slot));
        return slot;
    }

    internal void Close()
    {
        Open();
        Writer.BeginCommand(TraciWire.Close);
        Writer.EndCommand();
        Commands.Add(new Expected(ExpectKind.Status, TraciWire.Close, "close", -1));
    }

    /// <summary>The result of the get queued in <paramref name="slot"/>, after the batch ran.</summary>
    public TraciValue Result(int slot) => results[slot];

    internal void SetResult(int slot, TraciValue value) => results[slot] = value;

    public void Clear()
    {
        Writer.Reset();
        Commands.Clear();
        NewSubscriptions.Clear();
        results.Clear();
        stepped = false;
    }

    /// <summary>SUMO answers a step only after the step ran, so a step must be the batch's last command.</summary>
    private void Open()
    {
        if (stepped)
        {
            throw new InvalidOperationException("a simulation step must be the last command of a TraCI batch");
        }
    }

    private void BeginSet(TraciDomain domain, byte variable, string objectId, byte type)
    {
        Open();
        Writer.BeginCommand((byte)(TraciWire.SetBase | (byte)domain));
        Writer.Byte(variable);
        Writer.String(objectId);
        Writer.Byte(type);
    }

    private void EndSet(TraciDomain domain, byte variable, string objectId, string value)
    {
        Writer.EndCommand();
        Commands.Add(new Expected(ExpectKind.Status, (byte)(TraciWire.SetBase | (byte)domain), $"set {domain} '{objectId}' variable 0x{variable:X2} to '{value}'", -1));
    }
}

internal enum ExpectKind
{
    Status,
    Get,
    Subscribe,
    Step,
    Version,
}

internal readonly record struct Expected(ExpectKind Kind, byte CommandId, string What, int Slot);
