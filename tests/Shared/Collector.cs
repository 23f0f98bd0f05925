namespace Traffic.Tests.Shared;

/// <summary>
/// Collects items from callbacks and lets a test await a condition on them with a deadline. The
/// condition is re-checked on every add: no polling, no sleeping.
/// </summary>
internal sealed class Collector<T>
{
    private readonly List<T> items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource Done)> waiters = [];
    private readonly Lock gate = new();

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (gate)
            {
                return [.. items];
            }
        }
    }

    public void Add(T item)
    {
        lock (gate)
        {
            items.Add(item);
            foreach (var w in waiters.Where(w => w.Condition(items)).ToList())
            {
                waiters.Remove(w);
                w.Done.TrySetResult();
            }
        }
    }

    public Task AddAsync(T item)
    {
        Add(item);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<T>> WaitAsync(Func<IReadOnlyList<T>, bool> condition, string what, double seconds = 10)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition(items))
            {
                return [.. items];
            }

            waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"timed out after {seconds} s waiting for {what}; have {Items.Count} item(s)");
        }

        return Items;
    }

    public Task<IReadOnlyList<T>> WaitCountAsync(int count, string what, double seconds = 10) =>
        WaitAsync(x => x.Count >= count, $"{count} {what}", seconds);
}
