using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Exchange.Common;

namespace Exchange.Privacy;

/// <summary>
/// A person's data across every area that holds some: found, exported as one ZIP (a JSON file and
/// a readable HTML summary), erased. It knows the areas only through <see cref="IPersonalDataHolder"/>.
/// </summary>
public sealed class PersonalDataService(IEnumerable<IPersonalDataHolder> holders, TimeProvider time, ILogger<PersonalDataService> logger)
{
    private readonly IReadOnlyList<IPersonalDataHolder> _holders = holders.OrderBy(h => h.ErasureStage).ToList();

    public IReadOnlyList<IPersonalDataHolder> Holders => _holders;

    /// <summary>The person behind an address, with what each area knows of them.</summary>
    public async Task<PersonalDataSubject> FindAsync(string email, CancellationToken ct)
    {
        var subject = new PersonalDataSubject(email);
        foreach (var holder in _holders)
        {
            await holder.FindAsync(subject, ct);
        }
        return subject;
    }

    /// <summary>Erases the person everywhere; safe to repeat. Returns how many records changed.</summary>
    public async Task<int> EraseAsync(PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var changed = 0;
        foreach (var holder in _holders)
        {
            changed += await holder.EraseAsync(subject, choices, ct);
        }
        return changed;
    }

    /// <summary>
    /// Writes the export as it is read: <c>personal-data.json</c>, then <c>summary.html</c>, each record
    /// written and flushed as an area yields it, so the export is never held whole in memory.
    /// </summary>
    public async Task WriteExportAsync(PersonalDataSubject subject, Stream output, CancellationToken ct)
    {
        var created = time.GetUtcNow();
        await using var body = new DeferredWriteStream(output);
        await using var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        await using (var json = await zip.CreateEntry("personal-data.json", CompressionLevel.Fastest).OpenAsync(ct))
        {
            await using var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            writer.WriteStartObject();
            writer.WriteString("about", subject.Email);
            writer.WriteString("createdAt", created);
            writer.WriteStartArray("records");
            foreach (var holder in _holders)
            {
                await foreach (var record in holder.ExportAsync(subject, ct))
                {
                    writer.WriteStartObject();
                    writer.WriteString("kind", record.Kind);
                    writer.WriteString("title", record.Title);
                    writer.WriteStartObject("fields");
                    foreach (var (name, value) in record.Fields)
                    {
                        writer.WriteString(name, value);
                    }
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    await writer.FlushAsync(ct);
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(ct);
        }
        await using (var html = await zip.CreateEntry("summary.html", CompressionLevel.Fastest).OpenAsync(ct))
        {
            await using var writer = new StreamWriter(html, new System.Text.UTF8Encoding(false));
            var e = HtmlEncoder.Default;
            await writer.WriteAsync($"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Your data on Exchange</title>" +
                "<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}dt{font-weight:600}dd{margin:0 0 .5rem 1rem;white-space:pre-wrap}section{border-top:1px solid #ccc;margin-top:1rem}</style>" +
                $"</head><body><h1>Your data on Exchange</h1><p>About {e.Encode(subject.Email)}, as held on {created:yyyy-MM-dd HH:mm} UTC. The same data, for other programs, is in personal-data.json.</p>\n");
            var count = 0;
            foreach (var holder in _holders)
            {
                await foreach (var record in holder.ExportAsync(subject, ct))
                {
                    count++;
                    await writer.WriteAsync($"<section><h2>{e.Encode(KindName(record.Kind))}: {e.Encode(record.Title)}</h2><dl>");
                    foreach (var (name, value) in record.Fields)
                    {
                        await writer.WriteAsync($"<dt>{e.Encode(name)}</dt><dd>{e.Encode(value ?? "—")}</dd>");
                    }
                    await writer.WriteAsync("</dl></section>\n");
                    await writer.FlushAsync(ct);
                }
            }
            if (count == 0)
            {
                await writer.WriteAsync("<p>We hold no data about this address.</p>\n");
            }
            await writer.WriteAsync("</body></html>\n");
        }
        logger.LogInformation("Personal data export written");
    }

    private static string KindName(string kind) => kind switch
    {
        "visit" => "Visit",
        "subscription" => "Reminders",
        "reminder" => "Reminder",
        "essay" => "Essay",
        "mail" => "Mail sent to you",
        "account" => "Account",
        "session" => "Session",
        "invitation" => "Invitation",
        "authored" => "Record you wrote",
        _ => kind,
    };
}
