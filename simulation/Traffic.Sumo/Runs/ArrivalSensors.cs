using System.Runtime.InteropServices;
using Traffic.Control;
using Traffic.Sumo.Import;
using Traffic.Sumo.Traci;

namespace Traffic.Sumo.Runs;

/// <summary>
/// The approaching vehicles of every movement of a set of imported lights, as a tracking camera would give them:
/// each vehicle on a movement's approach lanes within the zone (the incoming lane and its single predecessors, as
/// the queue zones), with its distance to the stop line and its speed. Every vehicle is subscribed (lane, lane
/// position, speed) in the step after it enters the network, so its values come with every step's answer; its
/// subscription is forgotten when it arrives. The runner adds the simulation's departed and arrived id lists to its
/// own simulation subscription and hands them over after each step (<see cref="AfterStep"/>).
/// </summary>
internal sealed class ArrivalSensors
{
    private readonly Dictionary<string, (int Signal, int Lane, double Offset, double Length)[]> lanes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Signal, int Movement, double Offset)[]> exits = new(StringComparer.Ordinal);
    private readonly int[][] exitCapacity;
    private readonly int[][] exitHalted;
    private readonly Dictionary<string, TraciSubscription> vehicles = new(StringComparer.Ordinal);
    private readonly List<string> departed = [];
    private readonly List<ApproachingVehicle>[][] seen;
    private readonly double zone;
    private readonly List<int[][]> laneMovements = [];

    public ArrivalSensors(SumoNet net, IReadOnlyList<SumoSignal> signals, double zone)
    {
        this.zone = zone;
        var layout = new DetectorLayout(net);
        var entries = new Dictionary<string, List<(int, int, double, double)>>(StringComparer.Ordinal);
        seen = new List<ApproachingVehicle>[signals.Count][];
        exitCapacity = new int[signals.Count][];
        exitHalted = new int[signals.Count][];
        var exitEntries = new Dictionary<string, List<(int, int, double)>>(StringComparer.Ordinal);
        for (var s = 0; s < signals.Count; s++)
        {
            var signal = signals[s];
            seen[s] = Enumerable.Range(0, signal.DetectorLanes.Count).Select(_ => new List<ApproachingVehicle>()).ToArray();
            laneMovements.Add(signal.DetectorLanes.Select(l => signal.Links.Where(k => k.InLane == l && k.Movement >= 0).Select(k => k.Movement).Distinct().ToArray()).ToArray());
            exitCapacity[s] = new int[signal.Intersection.Movements.Count];
            exitHalted[s] = new int[signal.Intersection.Movements.Count];
            foreach (var (movement, outLane) in signal.Links.Where(l => l.Movement >= 0).Select(l => (l.Movement, l.OutLane)).Distinct())
            {
                foreach (var (lane, offset) in layout.DownstreamLanes(outLane, zone))
                {
                    exitCapacity[s][movement] += (int)Math.Floor(Math.Min(net.Lanes[lane].Length, zone - offset) / VehicleSpaceM);
                    if (!exitEntries.TryGetValue(lane, out var list))
                    {
                        exitEntries[lane] = list = [];
                    }

                    list.Add((s, movement, offset));
                }
            }

            for (var d = 0; d < signal.DetectorLanes.Count; d++)
            {
                foreach (var (lane, offset) in layout.UpstreamLanes(signal.DetectorLanes[d], zone))
                {
                    if (!entries.TryGetValue(lane, out var list))
                    {
                        entries[lane] = list = [];
                    }

                    list.Add((s, d, offset, net.Lanes[lane].Length));
                }
            }
        }

        foreach (var (lane, list) in entries)
        {
            lanes[lane] = [.. list];
        }

        foreach (var (lane, list) in exitEntries)
        {
            exits[lane] = [.. list];
        }
    }

    /// <summary>Road length a queued vehicle takes (car length plus gap), for the room on exit lanes.</summary>
    public const double VehicleSpaceM = 7.5;

    /// <summary>Speed (m/s) below which a vehicle on an exit lane counts as queued.</summary>
    public const double HaltedSpeed = 1.0;

    /// <summary>Queues the subscriptions of the vehicles that entered in the last step (call before the step command).</summary>
    public void BeforeStep(TraciBatch batch)
    {
        foreach (var id in departed)
        {
            vehicles[id] = batch.Subscribe(TraciDomain.Vehicle, id, TraciVar.LaneId, TraciVar.LanePosition, TraciVar.Speed);
        }

        departed.Clear();
    }

    /// <summary>Takes the step's departed and arrived ids and sorts every tracked vehicle on an approach to its movements.</summary>
    public void AfterStep(TraciClient client, IReadOnlyList<string> departedNow, IReadOnlyList<string> arrivedNow)
    {
        foreach (var id in arrivedNow)
        {
            if (vehicles.Remove(id))
            {
                client.Forget(TraciDomain.Vehicle, id);
            }
        }

        departed.AddRange(departedNow);
        foreach (var perSignal in seen)
        {
            foreach (var list in perSignal)
            {
                list.Clear();
            }
        }

        foreach (var perSignal in exitHalted)
        {
            Array.Clear(perSignal);
        }

        foreach (var subscription in vehicles.Values)
        {
            var values = subscription.Values;
            if (values[0].Type != TraciWire.TypeString)
            {
                continue;
            }

            var laneId = values[0].AsString();
            var position = values[1].AsDouble();
            var speed = Math.Max(0, values[2].AsDouble());
            if (speed < HaltedSpeed && exits.TryGetValue(laneId, out var behind))
            {
                foreach (var (signal, movement, offset) in behind)
                {
                    if (offset + position <= zone)
                    {
                        exitHalted[signal][movement]++;
                    }
                }
            }

            if (!lanes.TryGetValue(laneId, out var on))
            {
                continue;
            }

            foreach (var (signal, lane, offset, length) in on)
            {
                var distance = Math.Max(0, offset + length - position);
                if (distance <= zone)
                {
                    seen[signal][lane].Add(new ApproachingVehicle(distance, speed));
                }
            }
        }
    }

    /// <summary>The vehicles approaching the <paramref name="lane"/>-th detector lane of the <paramref name="signal"/>-th light after the last step.</summary>
    public ReadOnlySpan<ApproachingVehicle> Of(int signal, int lane) => CollectionsMarshal.AsSpan(seen[signal][lane]);

    /// <summary>
    /// Queued vehicles that still fit behind the junction for the <paramref name="lane"/>-th detector lane of the
    /// <paramref name="signal"/>-th light: the least over its movements of the room on the lanes each empties into (within the zone).
    /// </summary>
    public int ExitRoom(int signal, int lane)
    {
        var room = int.MaxValue;
        foreach (var m in laneMovements[signal][lane])
        {
            room = Math.Min(room, Math.Max(0, exitCapacity[signal][m] - exitHalted[signal][m]));
        }

        return room;
    }
}
