using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Exchange.Tests.Infrastructure;

/// <summary>Assertions on the one error shape: RFC 9457 ProblemDetails.</summary>
public static class Problem
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return json;
    }

    /// <summary>A 400 whose errors name exactly these fields.</summary>
    public static async Task<JsonElement> AssertFieldsAsync(HttpResponseMessage response, params string[] fields)
    {
        var json = await AssertAsync(response, HttpStatusCode.BadRequest);
        var named = json.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(fields.Order().ToArray(), named);
        return json;
    }

    public static StringContent Json(string raw) => new(raw, System.Text.Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
