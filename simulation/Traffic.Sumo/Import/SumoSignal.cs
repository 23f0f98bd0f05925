using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Sumo.Import;

/// <summary>
/// One SUMO link (link index of a traffic light): from <paramref name="InLane"/> to
/// <paramref name="OutLane"/>. <paramref name="Movement"/> indexes <see cref="Intersection.Movements"/>,
/// or is -1 for a link no green phase serves, which always shows <paramref name="Idle"/>.
/// <paramref name="Red"/> is what it shows while none of its phases runs ('r', or 's' for a
/// right-turn-on-red link). <paramref name="Groups"/> are the signal groups of the phases that serve
/// it and <paramref name="Green"/> the green it shows in each ('G' priority, 'g' yields). A link that is
/// green in several phases is shown by an overlap (<see cref="OverlapGroup"/>): its green is the one of
/// the parent that is green, and 'g' while it carries over between two parents when any parent yields.
/// </summary>
public sealed record SumoLink(
    int Index,
    string InLane,
    string OutLane,
    int Movement,
    char Idle,
    char Red,
    IReadOnlyList<int> Groups,
    IReadOnlyList<char> Green)
{
    /// <summary>The signal group of the overlap that shows this link, or -1 when its phases' groups do (<see cref="Groups"/>).</summary>
    public int OverlapGroup { get; init; } = -1;
}

/// <summary>
/// A SUMO traffic light imported into our model: the <see cref="Intersection"/> our sequencer and
/// safety monitor run, and the mapping from our signal-group indications back to SUMO's link
/// state string.
/// </summary>
public sealed class SumoSignal
{
    private readonly bool[] hard;
    private readonly char[] state;

    internal SumoSignal(
        string tlsId,
        string programId,
        Intersection intersection,
        IReadOnlyList<SumoLink> links,
        bool[] hardConflicts,
        IReadOnlyList<string> detectorLanes,
        IReadOnlyList<double> programmeGreens,
        IReadOnlyList<string> warnings)
    {
        TlsId = tlsId;
        ProgramId = programId;
        Intersection = intersection;
        Links = links;
        hard = hardConflicts;
        DetectorLanes = detectorLanes;
        ProgrammeGreens = programmeGreens;
        Warnings = warnings;
        state = new char[links.Count];
    }

    public string TlsId { get; }

    public string ProgramId { get; }

    public Intersection Intersection { get; }

    public IReadOnlyList<SumoLink> Links { get; }

    /// <summary>SUMO lane id of each detector of <see cref="Intersection.Detectors"/>, same index.</summary>
    public IReadOnlyList<string> DetectorLanes { get; }

    /// <summary>Green time of each of our phases in the network's own programme, seconds.</summary>
    public IReadOnlyList<double> ProgrammeGreens { get; }

    /// <summary>Things in the SUMO programme that do not fit our rules (for example conflicting greens in one phase).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when links <paramref name="a"/> and <paramref name="b"/> are foes that must never be active together.</summary>
    public bool HardConflict(int a, int b) => hard[(a * Links.Count) + b];

    /// <summary>SUMO's state string for these indications (indexed like <see cref="Intersection.SignalGroups"/>).</summary>
    public string BuildState(ReadOnlySpan<Indication> indications)
    {
        for (var i = 0; i < Links.Count; i++)
        {
            var link = Links[i];
            if (link.Movement < 0)
            {
                state[i] = link.Idle;
                continue;
            }

            if (link.OverlapGroup >= 0)
            {
                state[i] = OverlapState(link, indications);
                continue;
            }

            var c = link.Red;
            for (var k = 0; k < link.Groups.Count; k++)
            {
                var shown = indications[link.Groups[k]];
                if (shown == Indication.Green)
                {
                    c = c == 'G' ? c : link.Green[k];
                }
                else if (shown == Indication.Yellow && c is not ('G' or 'g'))
                {
                    c = 'y';
                }
            }

            state[i] = c;
        }

        return new string(state);
    }

    private static char OverlapState(SumoLink link, ReadOnlySpan<Indication> indications)
    {
        switch (indications[link.OverlapGroup])
        {
            case Indication.Green:
                var c = link.Green.Contains('g') ? 'g' : 'G';
                for (var k = 0; k < link.Groups.Count; k++)
                {
                    if (indications[link.Groups[k]] == Indication.Green)
                    {
                        c = c == 'G' || link.Green[k] == 'G' ? 'G' : 'g';
                    }
                }

                return c;
            case Indication.Yellow:
                return 'y';
            default:
                return link.Red;
        }
    }

    /// <summary>
    /// Pairs of hard-conflicting links that are both active (green or yellow) in a SUMO state
    /// string; empty when the state is safe.
    /// </summary>
    public IReadOnlyList<(int A, int B)> ConflictingActiveLinks(string sumoState)
    {
        var found = new List<(int, int)>();
        for (var a = 0; a < sumoState.Length; a++)
        {
            if (!IsActive(sumoState[a]))
            {
                continue;
            }

            for (var b = a + 1; b < sumoState.Length; b++)
            {
                if (IsActive(sumoState[b]) && HardConflict(a, b))
                {
                    found.Add((a, b));
                }
            }
        }

        return found;
    }

    private static bool IsActive(char c) => c is 'G' or 'g' or 'y' or 'Y';
}
