using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Tests.Infrastructure;

namespace Exchange.Benchmarks;

/// <summary>
/// What reading a hostile document costs the serving process: its peak resident memory before
/// and after its sandbox fails on a Word file whose one text run expands to more than 1 GB,
/// beside the same figure for an ordinary document of about the same size read in the same run.
/// </summary>
public static class SandboxBenchmark
{
    private const long BombRunBytes = 1100L * 1024 * 1024;

    public static async Task<bool> RunAsync(Azurite azurite)
    {
        Console.WriteLine($"\n== Sandbox: the server's memory while a Word file expanding to {BombRunBytes / (1024 * 1024)} MB is read");
        await using var app = await StandaloneApp.StartAsync(azurite, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" });
        var (http, _) = await app.SignInAsCoordinatorAsync();
        var pid = app.Process.Id;

        // Warm-up: the upload, the indexer and the sandbox's start are compiled and their buffers allocated.
        await ReadAsync(http, Documents.Docx("Warm-up document"));

        var ordinary = Documents.Docx([.. Enumerable.Range(0, 20_000).Select(i => $"Paragraph {i}: family mediation, parenting support and child protection in practice {i * 7919 % 100_003}.")]);
        var bomb = HostileDocuments.ZipBombDocx(BombRunBytes);
        var before = PeakResidentBytes(pid);
        var (ordinaryStatus, ordinarySeconds) = await ReadAsync(http, ordinary);
        var afterOrdinary = PeakResidentBytes(pid);
        var (bombStatus, bombSeconds) = await ReadAsync(http, bomb);
        var afterBomb = PeakResidentBytes(pid);
        var alive = !app.Process.HasExited && (await http.GetAsync("/api/health")).IsSuccessStatusCode;

        static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
        var growth = Mb(afterBomb - afterOrdinary);
        var ok = growth <= 32 && alive && bombStatus == "not-searchable (too-large)";
        Console.WriteLine($"  {"document",-52} {"file KB",8} {"result",-30} {"seconds",8} {"server VmHWM growth MB",23}");
        Console.WriteLine($"  {"ordinary Word file (20,000 paragraphs), baseline",-52} {ordinary.Length / 1024,8} {ordinaryStatus,-30} {ordinarySeconds,8:F1} {Mb(afterOrdinary - before),23:F1}");
        Console.WriteLine($"  {"Word file with one run of 1,100 MB",-52} {bomb.Length / 1024,8} {bombStatus,-30} {bombSeconds,8:F1} {growth,23:F1}");
        Console.WriteLine($"  server peak resident memory {Mb(before):F1} MB before; growth while the sandbox failed on the bomb {growth:F1} MB " +
                          $"(target ≤ 32 MB); server {(alive ? "still answering" : "DOWN")} → {(ok ? "PASS" : "FAIL")}");
        return ok;
    }

    /// <summary>Uploads a Word file as a new material's version and waits for its reader's verdict.</summary>
    private static async Task<(string Status, double Seconds)> ReadAsync(HttpClient http, byte[] file)
    {
        var id = await CreateMaterialAsync(http);
        var watch = Stopwatch.StartNew();
        // As a browser does: a slot from the API, the bytes straight to storage, then the commit.
        var slotResponse = await http.PostAsJsonAsync($"/api/materials/{id}/versions/en/uploads", new { fileName = "benchmark.docx", size = file.Length });
        slotResponse.EnsureSuccessStatusCode();
        var slot = await slotResponse.Content.ReadFromJsonAsync<JsonElement>();
        using (var storage = new HttpClient())
        using (var put = new HttpRequestMessage(HttpMethod.Put, slot.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(file) })
        {
            put.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
            (await storage.SendAsync(put)).EnsureSuccessStatusCode();
        }
        (await http.PostAsync(slot.GetProperty("commitUrl").GetString(), null)).EnsureSuccessStatusCode();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            var view = await http.GetFromJsonAsync<JsonElement>($"/api/materials/{id}");
            var version = view.GetProperty("versions")[0];
            var status = version.GetProperty("textStatus").GetString();
            if (status != "reading")
            {
                var problem = version.GetProperty("textProblem");
                return (problem.ValueKind == JsonValueKind.Null ? status! : $"{status} ({problem.GetString()})", watch.Elapsed.TotalSeconds);
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The file was not read within 3 minutes.");
    }

    private static async Task<string> CreateMaterialAsync(HttpClient http)
    {
        var organisation = await http.PostAsJsonAsync("/api/organisations", new
        {
            name = $"Sandbox centre {Guid.NewGuid():N}"[..30], country = "IT", city = "Ozieri", kind = "family-centre", website = (string?)null, description = "",
        });
        organisation.EnsureSuccessStatusCode();
        var organisationId = (await organisation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var material = await http.PostAsJsonAsync("/api/materials", new
        {
            organisationId, language = "en", titles = new Dictionary<string, string> { ["en"] = "Sandbox benchmark" },
            description = "A document for the sandbox benchmark.", category = "other", year = 2020,
        });
        material.EnsureSuccessStatusCode();
        return (await material.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>VmHWM: the most resident memory the process has had since it started.</summary>
    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
    }
}
