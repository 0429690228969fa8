using System.Security.Cryptography;
using System.Text;

namespace Exchange.Common;

public static class Secrets
{
    /// <summary>A URL-safe random token of 256 bits.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Tokens are stored only as this hash, so a leaked table does not grant sign-in.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The bytes of a URL-safe base64 text without padding, or null when it is not one.</summary>
    public static byte[]? FromBase64Url(string text)
    {
        if (text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }
        try
        {
            return Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
