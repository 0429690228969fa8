using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Exchange.Materials;

/// <summary>
/// PdfPig's stream filters with a limit on what one stream may decode to. A Flate stream is
/// first inflated into nothing, counting, so a bomb is refused before its output is allocated;
/// any other filter's output is checked after it. PdfPig swallows some filter errors and goes on,
/// so the refusal is also remembered here and raised by <see cref="ThrowIfExceeded"/>.
/// </summary>
internal sealed class LimitedFilterProvider : BaseFilterProvider
{
    private static readonly string[] Names =
    [
        "ASCII85Decode", "A85", "ASCIIHexDecode", "AHx", "CCITTFaxDecode", "CCF", "DCTDecode", "DCT", "FlateDecode", "Fl",
        "JBIG2Decode", "JPXDecode", "RunLengthDecode", "RL", "LZWDecode", "LZW",
    ];

    private readonly Guard _guard;

    public LimitedFilterProvider(long maxBytes) : this(new Guard(maxBytes))
    {
    }

    private LimitedFilterProvider(Guard guard) : base(Names.ToDictionary(n => n, n => (IFilter)new LimitedFilter(
        DefaultFilterProvider.Instance.GetNamedFilters([NameToken.Create(n)])[0], n is "FlateDecode" or "Fl", guard)))
    {
        _guard = guard;
    }

    public void ThrowIfExceeded()
    {
        if (_guard.Exceeded)
        {
            throw new UnreadableDocumentException(TextFailure.TooLarge, $"A stream of the PDF decodes to more than {_guard.MaxBytes} bytes.");
        }
    }

    private sealed class Guard(long maxBytes)
    {
        public long MaxBytes => maxBytes;

        public volatile bool Exceeded;

        public void Check(long length)
        {
            if (length > maxBytes)
            {
                Exceeded = true;
                throw new UnreadableDocumentException(TextFailure.TooLarge, $"A stream of the PDF decodes to more than {maxBytes} bytes.");
            }
        }
    }

    private sealed class LimitedFilter(IFilter inner, bool isFlate, Guard guard) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            if (isFlate)
            {
                guard.Check(InflatedLength(input, guard.MaxBytes));
            }
            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            guard.Check(output.Length);
            return output;
        }

        /// <summary>Bytes the zlib stream inflates to, counted up to one past the limit.</summary>
        private static long InflatedLength(Memory<byte> input, long limit)
        {
            if (input.Length <= 2)
            {
                return 0;
            }
            // As PdfPig does: skip the two-byte zlib header and inflate the raw deflate data.
            using var deflate = new DeflateStream(new MemoryStream(input[2..].ToArray(), writable: false), CompressionMode.Decompress);
            var buffer = new byte[64 * 1024];
            long total = 0;
            try
            {
                int read;
                while (total <= limit && (read = deflate.Read(buffer)) > 0)
                {
                    total += read;
                }
            }
            catch (InvalidDataException)
            {
                // Damaged data: PdfPig's own filter decides what to make of it.
            }
            return total;
        }
    }
}
