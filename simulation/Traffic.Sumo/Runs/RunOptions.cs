namespace Traffic.Sumo.Runs;

/// <summary>
/// One experiment: <paramref name="Policy"/> on the scenario of <paramref name="ConfigFile"/>.
/// <paramref name="Duration"/> (seconds from the scenario's begin) shortens the window when set.
/// <paramref name="WorkDir"/> gets the generated detector file; <paramref name="TripinfoDir"/> keeps
/// SUMO's tripinfo of every run. <paramref name="TimeToTeleport"/> is SUMO's option (-1 = never
/// teleport, as RESCO's published runs). <paramref name="GridlockSeconds"/>: a run counts as gridlocked
/// when no vehicle arrived for this long while vehicles were on the network (or any vehicle teleported).
/// <paramref name="ExitZonesOnlyBeforeSignals"/>: downstream (exit) queues only on lanes leading to another
/// light, as RESCO measures max-pressure; false = on every outgoing lane.
/// <paramref name="CountWaited"/>: queue and exit zones count RESCO's way (vehicles in the zone that have
/// been seen standing since they entered it, sampled when the zones are read) instead of the vehicles
/// halted at the moment.
/// <paramref name="ArrivalZoneM"/>: how far up the approach lanes the tracked vehicles are seen (<see cref="SensorNeeds.Arrivals"/>).
/// <paramref name="InProcess"/>: SUMO as a library in this process (libsumo, <see cref="Traci.InProcessSumo"/>) instead of
/// a sumo process over TCP: the same messages and the same runs, without a round trip per step.
/// <paramref name="SumoArguments"/>: more of sumo's own options for every run (e.g. --fcd-output out/fcd-{label}.xml);
/// "{label}" becomes the run's label (scenario-policy-seedN).
/// <paramref name="Plain"/>: run sumo without TraCI (the network's own programme), for the speed comparison.
/// </summary>
public sealed record RunOptions(
    string ConfigFile,
    string Policy,
    string WorkDir,
    string TripinfoDir,
    double? Duration = null,
    double StepLength = 1.0,
    double TimeToTeleport = -1,
    double GridlockSeconds = 300,
    double StopBarZoneM = 30,
    double QueueZoneM = 200,
    bool Plain = false,
    bool ExitZonesOnlyBeforeSignals = true,
    bool CountWaited = false,
    string SumoBinary = "sumo",
    double ArrivalZoneM = 200,
    bool InProcess = false,
    IReadOnlyList<string>? SumoArguments = null);
