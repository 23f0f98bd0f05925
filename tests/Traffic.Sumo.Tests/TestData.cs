namespace Traffic.Sumo.Tests;

internal static class TestData
{
    /// <summary>The shared RESCO scenarios (shared/data/sumo next to the worktree), or TRAFFIC_SUMO_DATA.</summary>
    public static string SumoData
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("TRAFFIC_SUMO_DATA");
            if (!string.IsNullOrEmpty(env))
            {
                return env;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", "sumo");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("shared/data/sumo not found above the test directory; set TRAFFIC_SUMO_DATA");
        }
    }

    public static string Scenario(string name, string extension) => Path.Combine(SumoData, name, $"{name}.{extension}");
}
