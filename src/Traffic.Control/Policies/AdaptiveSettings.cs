namespace Traffic.Control;

/// <summary>
/// Settings of <see cref="AdaptivePolicy"/>. A decision every <paramref name="DecisionIntervalSeconds"/>.
/// A vehicle moving towards the stop bar counts <paramref name="MovingWeight"/> of a queued one (it
/// will need the green soon, but not yet); a stage's green continues while the vehicles that can use it
/// beat the waiting pressure of the best other stage by less than <paramref name="SwitchMargin"/>
/// vehicles, and ends when fewer than <paramref name="GapVehicles"/> can use it, or after
/// <paramref name="MaxGreenSeconds"/>. <paramref name="WaitWeight"/> adds vehicles per second a stage
/// has waited with demand (against starvation). Without measured movement queues the estimator's arrival
/// rate times <paramref name="LookAheadSeconds"/> stands for the moving vehicles. A movement nobody
/// observes counts <paramref name="RecallVehicles"/> (recall). Measured queues older than
/// <paramref name="StaleSeconds"/> are not used. A permitted movement counts as served at
/// <paramref name="PermittedShare"/> of a protected one (it yields to the opposing flow). A green is
/// never ended by the policy before <paramref name="MinHoldSeconds"/> (nor before the phase's minimum).
/// <paramref name="PressureRule"/> (the default, best in SUMO): switch when the waiting vehicles of the
/// best other stage exceed the queue of what would end by more than the margin, or at a gap; false:
/// the delay cost-benefit rule (waiting vehicle-seconds against discharge times time away).
/// <paramref name="DownstreamWeight"/>: how much a halted vehicle on a movement's exit lanes takes off its
/// value (1 = max-pressure's full difference; 0 = exits ignored). <paramref name="GapMovingVehicles"/>: a gap
/// (end of green with no queue) also needs at most this many vehicles moving in on what would end.
/// <paramref name="ForwardOnly"/>: never choose a stage that needs a ring to go back in its order inside a
/// barrier group (that costs both rings a clearance); such phases come after the barrier, in ring order.
/// <paramref name="MovingHoldsGreen"/>: in the pressure rule the vehicles moving in on what would end count
/// <paramref name="MovingWeight"/> each against the switch (off by default, so the SUMO-tuned behaviour stays).
/// <paramref name="PassageGap"/>: a gap also needs every movement that would end to have had no stop-bar presence
/// for its phase's passage time (actuated vehicle extension; off by default). <paramref name="MovingCallWeight"/>: a vehicle
/// moving in on a red movement counts this much towards switching to the stage that serves it (0 by default: only
/// halted vehicles call). <paramref name="LightDemandQueue"/>: the moving calls and <paramref name="GapMovingVehicles"/> apply only
/// while the vehicles queued or moving in on all movements together are at most this many (light demand; default: always).
/// <paramref name="PedestrianCallVehicles"/>: what a waiting pedestrian call
/// adds to a stage's value (null = <paramref name="RecallVehicles"/>, as before), plus
/// <paramref name="PedestrianWaitWeight"/> vehicles per second the call has waited (so a walk is not started for
/// one pedestrian at the price of a switch, yet nobody waits without bound). <paramref name="PerRingEnd"/>: when a
/// new stage in the same barrier group ends a ring's phase, that phase stays green while its own queue lasts
/// (up to <paramref name="MaxGreenSeconds"/>), as an actuated ring does; the other ring moves on at once.
/// <paramref name="ApproachingWeight"/>: vehicles moving in on a stage that is red count this much of a queued one in its
/// waiting (0 = only queued ones, as before), so the switch can come before they stop and they arrive on green.
/// <paramref name="PermittedOnlyFull"/>: a movement that no phase protects (permitted right turns, a side street's
/// permitted lefts) counts fully, not at <paramref name="PermittedShare"/>, in the phases that permit it.
/// <paramref name="DegradedSwitchMargin"/>, <paramref name="DegradedMaxGreenSeconds"/>: used instead of the margin and
/// the maximum green while a movement's measured queue has gone stale (camera out); null = no change.
/// <paramref name="DegradedFixedTime"/>: while a configured camera is out the intersection runs its fixed-time fallback
/// plan (the backup plan given to the policy, else a Webster plan of the estimated flows), as when blind.
/// </summary>
public sealed record AdaptiveSettings(
    double DecisionIntervalSeconds = 1,
    double MovingWeight = 0.5,
    double SwitchMargin = 2,
    double GapVehicles = 0.5,
    double MaxGreenSeconds = 60,
    double WaitWeight = 0,
    double LookAheadSeconds = 8,
    double RecallVehicles = 3,
    double StaleSeconds = 5,
    double PermittedShare = 0.25,
    double MinHoldSeconds = 10,
    bool PressureRule = true,
    double DownstreamWeight = 1,
    double GapMovingVehicles = double.PositiveInfinity,
    bool ForwardOnly = false,
    bool MovingHoldsGreen = false,
    bool PassageGap = false,
    double MovingCallWeight = 0,
    double LightDemandQueue = double.PositiveInfinity,
    double? PedestrianCallVehicles = null,
    double PedestrianWaitWeight = 0,
    bool PerRingEnd = false,
    double ApproachingWeight = 0,
    bool PermittedOnlyFull = false,
    double? DegradedSwitchMargin = null,
    double? DegradedMaxGreenSeconds = null,
    bool DegradedFixedTime = false)
{
    public static AdaptiveSettings Default { get; } = new();

    /// <summary>
    /// The adaptive settings of daegu-250, run by the closed loop and the live service: <see cref="AdaptiveSettings.Default"/> (tuned in SUMO) with, retuned on
    /// daegu-250 with pedestrians (off-peak and AM, seed 1, docs/control.md): a switch margin of 12 vehicles and a
    /// 120 s maximum green (fewer switches: each costs a clearance and, with pedestrians nearly everywhere, often a
    /// walk), moving vehicles counted fully against a switch (MovingHoldsGreen), a gap only with nobody moving in,
    /// only stages the rings reach forwards (ForwardOnly), a ring's phase running to the end of its own queue
    /// (PerRingEnd), a 5 s hold (the phase minimums rule), exit-lane queues ignored (DownstreamWeight 0), vehicles
    /// moving in on a red stage at half weight (ApproachingWeight), movements no phase protects at full weight
    /// (PermittedOnlyFull), and a pedestrian call worth nothing at first and 0.02 vehicles per second it waits. While a
    /// configured camera gives no counts (failed), the margin is 5 vehicles and the maximum green 30 s (the estimator's
    /// queues are less sure; 20 % failed detectors, AM, 30 min: 379 s/veh with the normal settings, 290 with these).
    /// </summary>
    public static AdaptiveSettings Daegu { get; } = Default with
    {
        SwitchMargin = 12,
        MaxGreenSeconds = 120,
        MovingWeight = 1,
        GapMovingVehicles = 0,
        ForwardOnly = true,
        MovingHoldsGreen = true,
        PerRingEnd = true,
        MinHoldSeconds = 5,
        DownstreamWeight = 0,
        ApproachingWeight = 0.5,
        PermittedOnlyFull = true,
        PedestrianCallVehicles = 0,
        PedestrianWaitWeight = 0.02,
        DegradedSwitchMargin = 5,
        DegradedMaxGreenSeconds = 30,
        DegradedFixedTime = true,
        Arrivals = ArrivalScheduleSettings.Default with { SwitchMargin = 300, MaxGreenSeconds = 120, ViewSeconds = 30 },
        ArrivalsQueueLimit = 10,
    };

    public EstimatorSettings Estimator { get; init; } = EstimatorSettings.Default;

    public DetectorHealthSettings Health { get; init; } = DetectorHealthSettings.Default;

    /// <summary>How the policy schedules individual vehicles while a source tracks them (<see cref="IArrivalObserver"/>).</summary>
    public ArrivalScheduleSettings Arrivals { get; init; } = ArrivalScheduleSettings.Default;

    /// <summary>
    /// Tracked vehicles are scheduled only while at most this many stand on the light's approaches together; above it
    /// the count-based rule decides (it needs per-movement counts too). Default: always schedule.
    /// </summary>
    public double ArrivalsQueueLimit { get; init; } = double.PositiveInfinity;
}
