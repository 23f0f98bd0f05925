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

/// <summary>What a network-level policy factory may use: the network, the design flows (intersection id -> movement id -> veh/h) and the saturation flow.</summary>
public sealed record NetworkPolicyContext(Network Network, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> DesignFlowsVph, double SaturationFlowPerLane = 1800);

/// <summary>Sets a policy up for a whole network: gives the policy of each intersection.</summary>
public delegate Func<Intersection, ISignalPolicy> NetworkPolicyFactory(NetworkPolicyContext context);
