namespace Traffic.Mqtt.Contract;

/// <summary>
/// Out, <c>traffic/v1/intersections/{id}/plan</c> (QoS 1, retained): the timing plan the controller
/// runs from <see cref="ValidFrom"/>. <see cref="WireMessage.Seq"/> is the plan sequence number the
/// controller acknowledges on the ack topic. <see cref="CycleS"/> 0 means free (uncoordinated) operation;
/// otherwise <see cref="OffsetS"/> is the start of the coordinated phase relative to the corridor's cycle.
/// <see cref="Rings"/> lists each ring's phases in service order. <see cref="Follow"/> (free operation only): the
/// controller takes no decisions of its own and follows the service's commands (call, hold, forceOff, omit, unomit)
/// inside its own safety rules, going back to its local plan when nothing has come from the service for 30 s.
/// </summary>
public sealed record TimingPlan : WireMessage
{
    public required string PlanId { get; init; }

    public required double CycleS { get; init; }

    public required double OffsetS { get; init; }

    public required DateTimeOffset ValidFrom { get; init; }

    public required IReadOnlyList<IReadOnlyList<int>> Rings { get; init; }

    public required IReadOnlyList<PhaseSplit> Phases { get; init; }

    public bool? Follow { get; init; }
}

/// <summary>One phase of a plan: its split (green + yellow + red clearance) and its green bounds, seconds.</summary>
public sealed record PhaseSplit
{
    public required int Phase { get; init; }

    public required double SplitS { get; init; }

    public required double MinGreenS { get; init; }

    public required double MaxGreenS { get; init; }
}
