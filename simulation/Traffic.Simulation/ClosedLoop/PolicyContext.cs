using Traffic.Control;
using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// What a policy factory may use to set up the policy of one intersection: the intersection and the
/// design flows of its movements (veh/h, keyed by movement id; the flows the scenario expects, not
/// the measured ones), and the saturation flow the simulated drivers reach.
/// </summary>
public sealed record PolicyContext(Intersection Intersection, IReadOnlyDictionary<string, double> DesignFlowsVph, double SaturationFlowPerLane = 1800);

/// <summary>Makes the policy of one intersection.</summary>
public delegate ISignalPolicy PolicyFactory(PolicyContext context);
