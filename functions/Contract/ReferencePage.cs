using Exchange.Common;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Contract;

/// <summary>
/// The API reference page's own Content-Security-Policy. The page is Scalar's: its scripts come
/// from this app, but it starts them with one inline script (its settings), which the policy
/// allows by hash, computed from the page as served, so nothing else inline may run. Scalar
/// styles its components from script, hence inline styles. It fetches the document and, when a
/// reader tries a call, the API itself: both same-origin.
/// </summary>
internal static partial class ReferencePage
{
    private static readonly ConcurrentDictionary<string, string> Policies = new(StringComparer.Ordinal);

    public static string Policy(string html) => Policies.GetOrAdd(html, static page =>
        $"default-src 'none'; script-src 'self' {string.Join(' ', InlineScripts().Matches(page).Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))}'"))}; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");

    public static async ValueTask<object?> ApplyPolicyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is ContentHttpResult { ResponseContent: { } html } && html.Contains("<script", StringComparison.Ordinal))
        {
            context.HttpContext.Response.Headers.ContentSecurityPolicy = Policy(html);
        }
        else
        {
            // Scalar's scripts and icon: nothing in them is a page.
            context.HttpContext.Response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }
        // A file result leaves its body out of a HEAD by itself, and with it the length; answered as
        // its GET, the body is dropped and counted by HeadRequests, so the HEAD says the GET's length.
        return HttpMethods.IsHead(context.HttpContext.Request.Method) && result is IResult answer ? new AnsweredAsGet(answer) : result;
    }

    private sealed class AnsweredAsGet(IResult inner) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Request.Method = HttpMethods.Get;
            try
            {
                await inner.ExecuteAsync(context);
            }
            finally
            {
                context.Request.Method = HttpMethods.Head;
            }
        }
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InlineScripts();
}
