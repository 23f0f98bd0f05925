namespace Traffic.Tests.Shared;

/// <summary>Finds files of the repository (config/, docs/) from the test's output folder.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Traffic.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Traffic.sln above {AppContext.BaseDirectory}");
    }
}
