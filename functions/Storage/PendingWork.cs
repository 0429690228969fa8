using System.Collections.Concurrent;
using System.Text.Json;
using Exchange.Common;
using Exchange.Hosting;

namespace Exchange.Storage;

/// <summary>
/// Does one kind of pending work. A failed attempt (storage out, the mail provider busy) is
/// made again later, and a process can die half-way, so doing one item twice must do no harm:
/// the item's id is stable, and a mail sent for it carries it as its delivery id.
/// </summary>
public interface IPendingWorkHandler
{
    string Kind { get; }

    Task HandleAsync(PendingWorkItem item, CancellationToken ct);
}

/// <summary>
/// Work the API promised and does after answering (a sign-in link, a notice to editors) is
/// written to the PendingWork table before the answer, then done at once by this service and, if
/// that fails, again until it succeeds or is no longer worth doing. The instance that accepted an
/// item does it; an item still there a minute later (its instance died or was stopped) is taken
/// up by the <see cref="ProcessPendingWork"/> timer on any instance. Only while storage itself
/// cannot be reached is an accepted item held in memory, and written as soon as storage answers.
/// </summary>
public sealed class PendingWork(
    PendingWorkStore store, IServiceProvider services, StorageInitializer storage, TimeProvider time, ILogger<PendingWork> logger)
    : BackgroundService
{
    /// <summary>How long a request waits to record its work before holding it in memory instead.</summary>
    public static readonly TimeSpan AcceptBudget = TimeSpan.FromSeconds(2);

    /// <summary>How long a run owns an item it took; a run that dies leaves it to others after this.</summary>
    public static readonly TimeSpan Claim = TimeSpan.FromMinutes(1);

    public const int MaxAttempts = 10;
    private const int MaxHeld = 1000;

    // Resolved on first use: a handler may itself accept work (the sign-in mailer does), so
    // taking the handlers in the constructor would make the two depend on each other.
    private readonly Lazy<Dictionary<string, IPendingWorkHandler>> _handlers =
        new(() => services.GetServices<IPendingWorkHandler>().ToDictionary(h => h.Kind, StringComparer.Ordinal));
    private readonly ConcurrentQueue<PendingWorkItem> _held = new();
    // Recorded and not yet tried: done straight from memory, without reading the table.
    private readonly ConcurrentQueue<PendingWorkItem> _fresh = new();
    private readonly ConcurrentDictionary<string, bool> _accepted = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    /// <summary>Items accepted while storage was out and not yet written to it.</summary>
    public int Held => _held.Count;

    /// <summary>Accepts work: recorded durably before this returns, or, while storage is out, held until it is back.</summary>
    public async Task AcceptAsync<T>(string kind, T payload, TimeSpan lifetime, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Newest first when listed, and usable as an outbox message id.
        var id = $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}";
        var item = new PendingWorkItem(id, kind, JsonSerializer.Serialize(payload, JsonDefaults.Options), now, now + lifetime, 0, now, null, null, "");
        _accepted[id] = true;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(AcceptBudget);
        try
        {
            if (await store.AddAsync(item, budget.Token) is { } recorded)
            {
                _fresh.Enqueue(recorded);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && StorageFaults.IsUnavailable(ex))
        {
            if (_held.Count >= MaxHeld)
            {
                throw;
            }
            // A write that timed out may still land; writing the same id again later is harmless.
            _held.Enqueue(item);
            logger.LogWarning("Storage is out: {Kind} work {WorkId} is held in memory until it is back", kind, id);
        }
        _wake.Release();
    }

    /// <summary>
    /// One pass: writes what was held, then does every item of this instance that is due, and with
    /// <paramref name="abandonedToo"/> every item another instance left for more than <see cref="Claim"/>.
    /// Returns when the next of them falls due, if any.
    /// </summary>
    public async Task<DateTimeOffset?> RunAsync(bool abandonedToo, CancellationToken ct)
    {
        await _oneRunAtATime.WaitAsync(ct);
        try
        {
            while (_held.TryPeek(out var held))
            {
                // Recorded by the write that timed out, if it landed after all: then found by reading the table.
                if (await store.AddAsync(held, ct) is { } recorded)
                {
                    _fresh.Enqueue(recorded);
                }
                _held.TryDequeue(out _);
                logger.LogInformation("Storage is back: held {Kind} work {WorkId} recorded", held.Kind, held.Id);
            }
            DateTimeOffset? next = null;
            while (_fresh.TryPeek(out var fresh))
            {
                if (await ProcessAsync(fresh, time.GetUtcNow(), ct) is { } retry)
                {
                    next = next is null || retry < next ? retry : next;
                }
                _fresh.TryDequeue(out _);
            }
            if (!abandonedToo && _accepted.IsEmpty)
            {
                return next;
            }
            foreach (var item in await store.ListAsync(ct))
            {
                var now = time.GetUtcNow();
                if (!_accepted.ContainsKey(item.Id) && !(abandonedToo && item.CreatedAt + Claim <= now))
                {
                    continue;
                }
                var due = item.ClaimedUntil is { } claimed && claimed > item.NotBefore ? claimed : item.NotBefore;
                if (due > now)
                {
                    next = next is null || due < next ? due : next;
                    continue;
                }
                if (await ProcessAsync(item, now, ct) is { } retry)
                {
                    next = next is null || retry < next ? retry : next;
                }
            }
            return next;
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var next = await RunAsync(abandonedToo: false, stoppingToken);
                wait = _held.IsEmpty
                    ? next is { } due ? Clamp(due - time.GetUtcNow()) : TimeSpan.FromSeconds(30)
                    : TimeSpan.FromSeconds(1);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Pending work waits for storage: {Reason}", ex.Message.Split('\n')[0]);
                wait = TimeSpan.FromSeconds(1);
            }
            // Real time, not the app's clock: this is how often to look, not when anything is due.
            await _wake.WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Claims and does one item; returns when to try it again if it failed.</summary>
    private async Task<DateTimeOffset?> ProcessAsync(PendingWorkItem item, DateTimeOffset now, CancellationToken ct)
    {
        var retry = await AttemptAsync(item, now, ct);
        if (retry is null)
        {
            _accepted.TryRemove(item.Id, out _);
        }
        return retry;
    }

    private async Task<DateTimeOffset?> AttemptAsync(PendingWorkItem item, DateTimeOffset now, CancellationToken ct)
    {
        if (now >= item.ExpiresAt || !_handlers.Value.TryGetValue(item.Kind, out var handler))
        {
            logger.LogError("Pending {Kind} work {WorkId} dropped after {Attempts} attempts: {Reason}", item.Kind, item.Id, item.Attempts,
                now >= item.ExpiresAt ? $"no longer worth doing (last error: {item.LastError ?? "none"})" : "nothing handles this kind");
            await store.DeleteAsync(item, ct);
            return null;
        }
        if (await store.UpdateAsync(item with { Attempts = item.Attempts + 1, ClaimedUntil = now + Claim }, ct) is not { } claimed)
        {
            return null;
        }
        try
        {
            await handler.HandleAsync(claimed, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var error = $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
            if (claimed.Attempts >= MaxAttempts)
            {
                logger.LogError(ex, "Pending {Kind} work {WorkId} dropped after {Attempts} attempts", claimed.Kind, claimed.Id, claimed.Attempts);
                await store.DeleteAsync(claimed, ct);
                return null;
            }
            var retry = now + Backoff(claimed.Attempts);
            logger.LogWarning("Pending {Kind} work {WorkId} failed (attempt {Attempts}); trying again at {Retry}: {Error}", claimed.Kind, claimed.Id, claimed.Attempts, retry, error);
            // If this write fails too, the claim runs out and the item is taken up again then.
            await store.UpdateAsync(claimed with { ClaimedUntil = null, NotBefore = retry, LastError = error }, ct);
            return retry;
        }
        await store.DeleteAsync(claimed, ct);
        return null;
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempts)));

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : wait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : wait;

    public override void Dispose()
    {
        _wake.Dispose();
        _oneRunAtATime.Dispose();
        base.Dispose();
    }
}

/// <summary>Every minute: does the pending work that is due, on whichever instance the host picks. Safe to run twice at once.</summary>
public sealed class ProcessPendingWork(PendingWork work) : ITimerFunction
{
    public const string Name = nameof(ProcessPendingWork);
    public const string Schedule = "30 * * * * *";

    public Task RunAsync(TimerRun run, CancellationToken ct) => work.RunAsync(abandonedToo: true, ct);
}
