namespace Traffic.Sumo.Traci;

/// <summary>
/// The object kinds TraCI talks about. The low nibble is the domain code: get-variable command
/// = 0xA0 | code, its response 0xB0 | code, set-variable 0xC0 | code, subscribe 0xD0 | code and the
/// subscription response 0xE0 | code.
/// </summary>
public enum TraciDomain : byte
{
    TrafficLight = 0x02,
    Lane = 0x03,
    Vehicle = 0x04,
    Simulation = 0x0B,

    /// <summary>Lane-area (E2) detectors.</summary>
    LaneArea = 0x0D,
}

/// <summary>Variable ids used by this client (SUMO's TraCI constants).</summary>
public static class TraciVar
{
    /// <summary>The list of all object ids of a domain (object id "").</summary>
    public const byte IdList = 0x00;

    public const byte VehicleNumber = 0x10;
    public const byte MeanSpeed = 0x11;
    public const byte VehicleIds = 0x12;
    public const byte Occupancy = 0x13;
    public const byte HaltingNumber = 0x14;

    /// <summary>Traffic light: red/yellow/green state string (get and set).</summary>
    public const byte TlState = 0x20;

    /// <summary>Traffic light: set the phase index.</summary>
    public const byte TlPhaseIndex = 0x22;

    /// <summary>Traffic light: set the programme (string id).</summary>
    public const byte TlProgram = 0x23;

    /// <summary>Traffic light: current phase index.</summary>
    public const byte TlCurrentPhase = 0x28;

    /// <summary>Traffic light: current programme id.</summary>
    public const byte TlCurrentProgram = 0x29;

    public const byte Speed = 0x40;

    /// <summary>Vehicle: seconds it has been standing (speed below 0.1 m/s) since it last moved.</summary>
    public const byte WaitingTime = 0x7A;
    public const byte Position = 0x42;
    public const byte LaneId = 0x51;
    public const byte LanePosition = 0x56;

    /// <summary>Simulation: current time in seconds.</summary>
    public const byte Time = 0x66;

    public const byte LoadedNumber = 0x71;
    public const byte DepartedNumber = 0x73;

    /// <summary>Simulation: ids of the vehicles inserted in the last step.</summary>
    public const byte DepartedIds = 0x74;

    /// <summary>Simulation: ids of the vehicles that left the network in the last step.</summary>
    public const byte ArrivedIds = 0x7A;
    public const byte TeleportStartingNumber = 0x75;
    public const byte ArrivedNumber = 0x79;

    /// <summary>Simulation: vehicles on the network plus those still waiting to be inserted.</summary>
    public const byte MinExpectedNumber = 0x7D;
}

/// <summary>TraCI command ids and type tags on the wire.</summary>
internal static class TraciWire
{
    public const byte GetVersion = 0x00;
    public const byte SimulationStep = 0x02;
    public const byte Close = 0x7F;

    public const byte GetBase = 0xA0;
    public const byte GetResponseBase = 0xB0;
    public const byte SetBase = 0xC0;
    public const byte SubscribeBase = 0xD0;
    public const byte SubscribeResponseBase = 0xE0;

    public const byte StatusOk = 0x00;
    public const byte StatusNotImplemented = 0x01;
    public const byte StatusError = 0xFF;

    public const byte TypePosition2D = 0x01;
    public const byte TypeUByte = 0x07;
    public const byte TypeByte = 0x08;
    public const byte TypeInteger = 0x09;
    public const byte TypeDouble = 0x0B;
    public const byte TypeString = 0x0C;
    public const byte TypeStringList = 0x0E;
    public const byte TypeCompound = 0x0F;
    public const byte TypeDoubleList = 0x10;
}
