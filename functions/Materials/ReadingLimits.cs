namespace Exchange.Materials;

/// <summary>Why a version's text could not be read, as the editor is told.</summary>
public enum TextFailure
{
    /// <summary>The file is not a well-formed document of its type.</summary>
    Damaged,

    /// <summary>It expands past a reading limit, or past the reader's memory.</summary>
    TooLarge,

    /// <summary>It opens only with a password.</summary>
    PasswordProtected,

    /// <summary>Reading it took longer than allowed.</summary>
    TimedOut,

    /// <summary>Its structure is nested too deep, or it made the reader crash.</summary>
    TooComplex,
}

/// <summary>
/// What a reader may take from one document, enforced while it reads: characters in all and in
/// one run of text, bytes decompressed from one part (a ZIP entry, a PDF stream), and nesting depth.
/// </summary>
public sealed record ReadingLimits(int MaxCharacters, int MaxRunCharacters, long MaxPartBytes, int MaxDepth)
{
    public static ReadingLimits From(MaterialsOptions o) => new(o.MaxExtractedCharacters, o.MaxRunCharacters, o.MaxDecompressedPartBytes, o.MaxNestingDepth);
}

/// <summary>A document that cannot be read, and why. Thrown inside the sandbox.</summary>
public sealed class UnreadableDocumentException(TextFailure reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public TextFailure Reason => reason;
}

/// <summary>
/// A decompressing stream that fails once more than <paramref name="limit"/> bytes came out of it,
/// so a small part that inflates to gigabytes is stopped after the limit, not after the gigabytes.
/// </summary>
public sealed class LimitedStream(Stream inner, long limit, string part) : Stream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        if (_read > limit)
        {
            throw new UnreadableDocumentException(TextFailure.TooLarge, $"{part} expands to more than {limit} bytes.");
        }
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
