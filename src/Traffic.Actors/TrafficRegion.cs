using Akka.Actor;
using Traffic.Control;
using Traffic.Signals.Model;

namespace Traffic.Actors;

/// <summary>
/// The top of the hierarchy: one <see cref="CorridorSupervisor"/> per corridor and one for the
/// intersections on no corridor (<see cref="Unassigned"/>). Every intersection belongs to exactly one
/// supervisor: the first corridor (in file order) that lists it. Routes intersection messages by the
/// entity id of <see cref="IntersectionMessageExtractor"/> and corridor messages by corridor id;
/// anything for an unknown id gets <see cref="Rejected"/>. Broadcasts <see cref="Tick"/>.
/// </summary>
public sealed class TrafficRegion : ReceiveActor
{
    /// <summary>The supervisor of the intersections on no corridor.</summary>
    public const string Unassigned = "unassigned";

    private readonly IntersectionMessageExtractor extractor = new();
    private readonly Dictionary<string, IActorRef> supervisorOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> supervisors = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> assignments;

    public TrafficRegion(Network network, IOutbound outbound, TrafficActorSettings settings, Func<Intersection, ISignalPolicy>? freePolicy)
    {
        assignments = Assign(network);
        foreach (var (corridor, ids) in assignments)
        {
            var members = ids.Select(network.Intersection).ToList();
            var supervisor = Context.ActorOf(CorridorSupervisor.Props(corridor, members, outbound, settings, freePolicy, network.Corridors.FirstOrDefault(c => c.Id == corridor)), CorridorSupervisor.ChildName(corridor));
            supervisors[corridor] = supervisor;
            foreach (var id in ids)
            {
                supervisorOf[id] = supervisor;
            }
        }

        Receive<Tick>(t =>
        {
            foreach (var s in supervisors.Values)
            {
                s.Tell(t);
            }
        });
        Receive<GetAssignments>(_ => Sender.Tell(assignments));
        Receive<IHasCorridorId>(m =>
        {
            if (supervisors.TryGetValue(m.CorridorId, out var s))
            {
                s.Forward(m);
            }
            else
            {
                Sender.Tell(new Rejected(m.CorridorId, $"unknown corridor '{m.CorridorId}' (corridors: {string.Join(", ", supervisors.Keys)})"));
            }
        });
        Receive<IHasIntersectionId>(m =>
        {
            var id = extractor.EntityId(m)!;
            if (supervisorOf.TryGetValue(id, out var s))
            {
                s.Forward(extractor.EntityMessage(m));
            }
            else
            {
                Sender.Tell(new Rejected(id, $"unknown intersection '{id}' in network {network.Name}"));
            }
        });
    }

    public static Props Props(Network network, IOutbound outbound, TrafficActorSettings? settings = null, Func<Intersection, ISignalPolicy>? freePolicy = null) =>
        Akka.Actor.Props.Create(() => new TrafficRegion(network, outbound, settings ?? TrafficActorSettings.Default, freePolicy));

    /// <summary>
    /// Supervisor name -> its intersections, in network order: each corridor gets the intersections it
    /// lists that no earlier corridor took; the rest go to <see cref="Unassigned"/>. Corridors left
    /// empty get no supervisor.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Assign(Network network)
    {
        if (network.Corridors.Any(c => c.Id == Unassigned))
        {
            throw new ArgumentException($"network {network.Name}: a corridor may not be called '{Unassigned}'", nameof(network));
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var corridor in network.Corridors)
        {
            var ids = corridor.IntersectionIds.Where(taken.Add).ToList();
            if (ids.Count > 0)
            {
                result[corridor.Id] = ids;
            }
        }

        var rest = network.Intersections.Select(i => i.Id).Where(taken.Add).ToList();
        if (rest.Count > 0)
        {
            result[Unassigned] = rest;
        }

        return result;
    }
}
