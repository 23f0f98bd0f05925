namespace Traffic.Simulation;

/// <summary>The hourly flow a demand puts on every movement: the sum of the flows of the routes that make it.</summary>
public static class DesignFlows
{
    /// <summary>Intersection id -> movement id -> veh/h. Movements no route uses are absent.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> FromDemand(Demand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var byIntersection = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var flow in demand.Flows)
        {
            foreach (var step in flow.Steps)
            {
                if (!byIntersection.TryGetValue(step.IntersectionId, out var movements))
                {
                    byIntersection[step.IntersectionId] = movements = new Dictionary<string, double>(StringComparer.Ordinal);
                }

                movements[step.MovementId] = movements.GetValueOrDefault(step.MovementId) + flow.VehiclesPerHour;
            }
        }

        return byIntersection.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value, StringComparer.Ordinal);
    }
}
