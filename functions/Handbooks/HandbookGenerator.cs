using Exchange.Hosting;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Exchange.Common;
using Exchange.Materials;
using Exchange.Organisations;
using Exchange.Practices;
using Exchange.Storage;

namespace Exchange.Handbooks;

public sealed record HandbookJob(string HandbookId);

/// <summary>
/// Generates a handbook in the background, as pending work: every edition's PDF and Word file is
/// made first, in memory, with the progress written to the handbook as it goes; only then are they
/// stored, the PDFs as new revisions of the handbook's material (its earlier files stay in the
/// material's history), the Word files beside them. A practice that is no longer published, or a
/// document that cannot be laid out, ends the run as failed, reported on the handbook, with the
/// previous revision left as it was. Storage being out is not a failure: the work is tried again.
/// </summary>
public sealed class HandbookGenerator(
    HandbookStore handbooks, PracticeStore practices, OrganisationStore organisations, MaterialStore materials, MaterialUploads uploads,
    [FromKeyedServices(StorageNames.HandbooksContainer)] BlobContainerClient wordFiles, TimeProvider time, ILogger<HandbookGenerator> logger)
    : IPendingWorkHandler
{
    public const string WorkKind = "handbook";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    public string Kind => WorkKind;

    public async Task HandleAsync(PendingWorkItem item, CancellationToken ct)
    {
        var job = JsonSerializer.Deserialize<HandbookJob>(item.Payload, JsonDefaults.Options)!;
        if (await handbooks.GetAsync(job.HandbookId, ct) is not { Status: HandbookStatus.Queued or HandbookStatus.Generating } handbook)
        {
            return;
        }
        handbook = await ProgressAsync(handbook.Id, 2, "reading", ct) ?? handbook;
        List<(string Language, byte[] Pdf, byte[] Word)> files;
        try
        {
            files = await RenderAsync(handbook, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !StorageFaults.IsUnavailable(ex))
        {
            await FailAsync(handbook.Id, ex is HandbookException ? ex.Message : "The handbook could not be laid out: " + ex.Message, ex, ct);
            return;
        }
        await ProgressAsync(handbook.Id, 90, "storing", ct);
        if (!(await StoreAsync(handbook, files, ct)).TryGet(out var stored, out var refusal))
        {
            await FailAsync(handbook.Id, refusal, null, ct);
            return;
        }
        await handbooks.UpdateAsync(handbook.Id, h => h with
        {
            Status = HandbookStatus.Generated, Progress = 100, Step = null, LastError = null, Revision = h.Revision + 1, MaterialId = stored.MaterialId,
            GeneratedAt = time.GetUtcNow(), WordFiles = stored.WordFiles,
        }, ct);
        logger.LogInformation("Handbook {HandbookId} generated in {Count} languages as material {MaterialId}", handbook.Id, files.Count, stored.MaterialId);
    }

    private async Task<List<(string, byte[], byte[])>> RenderAsync(Handbook handbook, CancellationToken ct)
    {
        var published = new Dictionary<string, Practice>(StringComparer.Ordinal);
        foreach (var entry in handbook.Entries)
        {
            if (await practices.GetAsync(entry.PracticeId, ct) is not { Published: not null } practice)
            {
                throw new HandbookException($"The practice {entry.PracticeId} is no longer published. Take it out of the handbook, or publish it again.");
            }
            published[entry.PracticeId] = practice;
        }
        var directory = await organisations.ListAsync(ct);
        var result = new List<(string, byte[], byte[])>();
        var languages = handbook.Languages;
        for (var i = 0; i < languages.Count; i++)
        {
            var edition = HandbookEdition.Compose(handbook, languages[i], published, directory);
            var share = 85.0 / languages.Count;
            await ProgressAsync(handbook.Id, (int)(5 + (i * share)), $"pdf:{languages[i]}", ct);
            var pdf = HandbookPdf.Render(edition);
            await ProgressAsync(handbook.Id, (int)(5 + (i * share) + (share * 0.7)), $"word:{languages[i]}", ct);
            result.Add((languages[i], pdf, HandbookDocx.Render(edition)));
        }
        return result;
    }

    /// <summary>The material the PDFs became and the Word files beside them.</summary>
    private sealed record StoredEdition(string MaterialId, Dictionary<string, string> WordFiles);

    private async Task<Outcome<StoredEdition>> StoreAsync(
        Handbook handbook, List<(string Language, byte[] Pdf, byte[] Word)> files, CancellationToken ct)
    {
        var facts = new MaterialFacts(files[0].Language, files.ToDictionary(f => f.Language, _ => handbook.Title),
            handbook.Introductions[0].Text.Length <= 1000 ? handbook.Introductions[0].Text : handbook.Introductions[0].Text[..1000] + "…",
            "final-publication", handbook.Date.Year, handbook.Licence, handbook.Entries.Select(e => e.PracticeId).ToList());
        var material = handbook.MaterialId is { } existing ? await materials.GetAsync(existing, ct) : null;
        if (material is null)
        {
            material = await materials.CreateAsync(MaterialRules.Create(OrganisationScopedId.New(handbook.OrganisationId), handbook.OrganisationId, facts, time.GetUtcNow()), ct);
        }
        else if (material.Facts.Language == facts.Language && MaterialRules.Edit(material, facts, time.GetUtcNow()).TryGet(out var edited, out _))
        {
            material = await materials.SaveAsync(edited, material.ETag, ct) ?? material;
        }
        var revision = handbook.Revision + 1;
        var slug = TextFolding.Slug(handbook.Title, 60);
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        // The original language first: a translation records the revision of the original it follows.
        foreach (var (language, pdf, word) in files.OrderByDescending(f => f.Language == material.Facts.Language))
        {
            var result = await uploads.StoreAsync(material.Id, language, $"{slug}-{language}.pdf", new BinaryData(pdf), "handbook", ct);
            if (!result.TryGet(out _, out var refusal))
            {
                return Outcome.Refuse($"The {language} PDF was not accepted as a material ({result.Kind}: {refusal}).");
            }
            var name = $"{handbook.Id}/{revision}/{slug}-{language}.docx";
            await wordFiles.GetBlobClient(name).UploadAsync(new BinaryData(word), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
            }, ct);
            words[language] = name;
        }
        return new StoredEdition(material.Id, words);
    }

    private async Task<Handbook?> ProgressAsync(string id, int progress, string step, CancellationToken ct) =>
        await handbooks.UpdateAsync(id, h => h with { Status = HandbookStatus.Generating, Progress = Math.Clamp(progress, 0, 99), Step = step }, ct);

    private async Task FailAsync(string id, string error, Exception? ex, CancellationToken ct)
    {
        logger.LogError(ex, "Handbook {HandbookId} could not be generated: {Error}", id, error);
        await handbooks.UpdateAsync(id, h => h with { Status = HandbookStatus.Failed, Progress = 0, Step = null, LastError = error }, ct);
    }
}

/// <summary>A reason a handbook cannot be made that the coordinator can act on.</summary>
public sealed class HandbookException(string message) : Exception(message);
