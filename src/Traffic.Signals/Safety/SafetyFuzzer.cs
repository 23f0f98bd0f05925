using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Signals.Safety;

/// <summary>
/// Drives a <see cref="SignalController"/> with a seeded random stream of everything a policy, a
/// detector or an operator can ask for (calls, pedestrian calls, holds, force-offs, omits,
/// preemption requests and releases) and counts what the safety monitor finds. A violation is
/// recorded, the fault reset, and the run goes on, so one run reports every violation it meets.
/// </summary>
public static class SafetyFuzzer
{
    public static FuzzResult Run(Intersection model, long steps, int seed, Action<long>? progress = null)
    {
        var rng = new Random(seed);
        var controller = new SignalController(model);
        var violations = new List<SafetyViolation>();
        controller.Faulted += violations.Add;
        var phases = model.Phases.Select(p => p.Id).ToArray();
        var dwellSets = DwellSets(model);
        var callSince = new long[phases.Length];
        Array.Fill(callSince, -1);
        var wasGreen = new bool[phases.Length];
        long commands = 0, greens = 0, preemptions = 0, longestWait = 0;
        string? activePreemption = null;
        var preemptionSerial = 0;

        for (long step = 0; step < steps; step++)
        {
            if (progress is not null && step > 0 && step % 250_000 == 0)
            {
                progress(step);
            }

            // Roughly one command every two ticks, weighted like a busy junction.
            if (rng.Next(2) == 0)
            {
                commands++;
                var p = phases[rng.Next(phases.Length)];
                var roll = rng.Next(100);
                if (roll < 40)
                {
                    controller.PlaceCall(p);
                }
                else if (roll < 55)
                {
                    controller.PlacePedCall(p);
                }
                else if (roll < 75)
                {
                    controller.ForceOff(p);
                }
                else if (roll < 83)
                {
                    controller.SetHold(p, rng.Next(3) == 0);
                }
                else if (roll < 88)
                {
                    controller.SetOmit(p, rng.Next(4) == 0);
                }
                else if (roll < 90)
                {
                    if (activePreemption is null)
                    {
                        activePreemption = $"ev-{++preemptionSerial}";
                        controller.RequestPreemption(new PreemptionRequest(activePreemption, dwellSets[rng.Next(dwellSets.Count)]));
                        preemptions++;
                    }
                    else
                    {
                        controller.ReleasePreemption(activePreemption);
                        activePreemption = null;
                    }
                }
                else if (roll < 91)
                {
                    // Release every hold now and then, so held phases do not stay held for ever.
                    foreach (var q in phases)
                    {
                        controller.SetHold(q, false);
                    }
                }
                else
                {
                    controller.PlaceCall(p);
                    controller.PlacePedCall(p);
                }
            }

            controller.Step();
            if (controller.IsFaulted)
            {
                controller.ResetFault();
                Array.Fill(callSince, -1);
            }

            for (var i = 0; i < phases.Length; i++)
            {
                var green = controller.IsGreen(phases[i]);
                if (green && !wasGreen[i])
                {
                    greens++;
                    if (callSince[i] >= 0)
                    {
                        longestWait = Math.Max(longestWait, controller.Now - callSince[i]);
                    }

                    callSince[i] = -1;
                }
                else if (!green && callSince[i] < 0 && controller.HasCall(phases[i]))
                {
                    callSince[i] = controller.Now;
                }

                wasGreen[i] = green;
            }
        }

        return new FuzzResult(model.Id, steps, commands, greens, preemptions, violations, SignalTime.ToSeconds(longestWait));
    }

    /// <summary>Every single phase, and every pair that may dwell together (same barrier group, different rings).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> DwellSets(Intersection model)
    {
        var sets = new List<IReadOnlyList<int>>();
        var s = model.Structure;
        foreach (var p in model.Phases)
        {
            sets.Add([p.Id]);
            foreach (var q in model.Phases)
            {
                if (q.Id > p.Id && s.RingOf(q.Id) != s.RingOf(p.Id) && s.BarrierGroupOf(q.Id) == s.BarrierGroupOf(p.Id))
                {
                    sets.Add([p.Id, q.Id]);
                }
            }
        }

        return sets;
    }
}
