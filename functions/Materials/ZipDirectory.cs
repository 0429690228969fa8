using System.Buffers.Binary;
using System.Text;

namespace Exchange.Materials;

/// <summary>
/// The entry names of a ZIP container (Word and OpenDocument files are ZIPs), read from its
/// central directory with two ranged reads: the end of the file, then the directory itself. The
/// directory's size and entry count are capped before it is read, so a hostile file cannot make
/// the server read or hold more than <see cref="MaxDirectoryBytes"/>.
/// </summary>
public static class ZipDirectory
{
    /// <summary>A document's directory takes a few kilobytes; a megabyte is far beyond any real one.</summary>
    public const int MaxDirectoryBytes = 1024 * 1024;

    public const int MaxEntries = 10_000;

    private const uint EndSignature = 0x06054b50;
    private const uint EntrySignature = 0x02014b50;
    private const int EndLength = 22;
    private const int EntryLength = 46;
    private const ushort Utf8Flag = 1 << 11;

    /// <summary>Reads <c>length</c> bytes at <c>offset</c> of the stored file.</summary>
    public delegate Task<byte[]> RangeReader(long offset, int length, CancellationToken ct);

    /// <summary>The names, or null when the file has no readable central directory within the caps.</summary>
    public static async Task<IReadOnlyList<string>?> ReadNamesAsync(RangeReader read, long size, CancellationToken ct)
    {
        if (size < EndLength)
        {
            return null;
        }
        // The end record is followed only by a comment of at most 65,535 bytes.
        var tailLength = (int)Math.Min(size, EndLength + ushort.MaxValue);
        var tail = await read(size - tailLength, tailLength, ct);
        var end = FindEnd(tail);
        if (end < 0)
        {
            return null;
        }
        var record = tail.AsSpan(end);
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        var directorySize = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
        var directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        // ZIP64 markers (all ones) are never needed by documents within the upload limit.
        if (entries is 0 or ushort.MaxValue || entries > MaxEntries || directorySize > MaxDirectoryBytes ||
            directoryOffset == uint.MaxValue || directoryOffset + (long)directorySize > size - tailLength + end)
        {
            return null;
        }
        var directory = await read(directoryOffset, (int)directorySize, ct);
        return directory.Length == directorySize ? ParseEntries(directory, entries) : null;
    }

    /// <summary>The last end-of-directory record whose comment runs exactly to the end of the file.</summary>
    private static int FindEnd(byte[] tail)
    {
        for (var i = tail.Length - EndLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSignature &&
                i + EndLength + BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 20)) == tail.Length)
            {
                return i;
            }
        }
        return -1;
    }

    private static List<string>? ParseEntries(ReadOnlySpan<byte> directory, int count)
    {
        var names = new List<string>(count);
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            if (directory.Length - at < EntryLength || BinaryPrimitives.ReadUInt32LittleEndian(directory[at..]) != EntrySignature)
            {
                return null;
            }
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(directory[(at + 8)..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(directory[(at + 28)..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(directory[(at + 30)..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(directory[(at + 32)..]);
            var next = at + EntryLength + nameLength + extraLength + commentLength;
            if (next > directory.Length)
            {
                return null;
            }
            var name = directory.Slice(at + EntryLength, nameLength);
            // Names without the UTF-8 flag are in code page 437; the names that matter are ASCII either way.
            names.Add((flags & Utf8Flag) != 0 ? Encoding.UTF8.GetString(name) : Encoding.Latin1.GetString(name));
            at = next;
        }
        return names;
    }
}
