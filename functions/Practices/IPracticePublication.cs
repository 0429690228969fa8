namespace Exchange.Practices;

/// <summary>
/// Told of every saved change to a practice, so that what the public reads (the catalogue) follows
/// at once on this instance. Practices defines it and the catalogue, which reads practices,
/// implements it: the dependency runs one way.
/// </summary>
public interface IPracticePublication
{
    Task ApplyAsync(Practice practice, CancellationToken ct);
}
