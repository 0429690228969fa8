using System.Buffers.Binary;
using System.Text;

namespace Exchange.Materials;

/// <summary>
/// The entry names of an OLE compound file, read with a few ranged reads: the header, the FAT
/// sectors the directory chain passes through, and the directory sectors. A Word file protected
/// with a password is such a file (not a ZIP), holding its encrypted document in the
/// <c>EncryptedPackage</c> stream beside <c>EncryptionInfo</c>. Every loop is bounded, so a
/// hostile header cannot make the server read more than a few dozen sectors.
/// </summary>
public static class CompoundFile
{
    public static ReadOnlySpan<byte> Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>An encrypted document's directory holds about ten entries; 32 sectors hold 128 or more.</summary>
    public const int MaxDirectorySectors = 32;

    private const int HeaderLength = 512;
    private const int HeaderFatEntries = 109;
    private const int EntryLength = 128;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const ulong MiniStreamCutoff = 4096;
    private const uint MaxRegularSector = 0xFFFFFFFA;

    /// <summary>Whether the stored file is an Office document encrypted with a password: both streams are present.</summary>
    public static bool IsEncryptedPackage(IReadOnlyCollection<string> names) =>
        names.Contains("EncryptionInfo") && names.Contains("EncryptedPackage");

    /// <summary>The names of the file's storages and streams, or null when its header or directory is not a readable compound file within the caps.</summary>
    public static async Task<IReadOnlyList<string>?> ReadNamesAsync(ZipDirectory.RangeReader read, long size, CancellationToken ct)
    {
        if (size < HeaderLength * 2)
        {
            return null;
        }
        var header = await read(0, HeaderLength, ct);
        if (header.Length < HeaderLength || !header.AsSpan().StartsWith(Signature))
        {
            return null;
        }
        var shift = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x1E));
        if (shift is not (9 or 12))
        {
            return null;
        }
        var sectorSize = 1 << shift;
        var entriesPerFatSector = sectorSize / 4;
        long Offset(uint sector) => ((long)sector + 1) << shift;

        var names = new List<string>();
        var sector = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x30));
        var fat = new Dictionary<uint, byte[]>();
        for (var count = 0; sector != EndOfChain; count++)
        {
            if (count >= MaxDirectorySectors || sector > MaxRegularSector || Offset(sector) + sectorSize > size)
            {
                return null;
            }
            var directory = await read(Offset(sector), sectorSize, ct);
            if (directory.Length < sectorSize)
            {
                return null;
            }
            for (var at = 0; at + EntryLength <= sectorSize; at += EntryLength)
            {
                var entry = directory.AsSpan(at, EntryLength);
                var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[0x40..]);
                var type = entry[0x42];
                if (type is 1 or 2 or 5 && nameBytes is >= 2 and <= 64 && nameBytes % 2 == 0)
                {
                    // A stream of regular sectors (the root's holds the small streams) must lie within
                    // the file: a file cut short is damaged, not a document to store.
                    var start = BinaryPrimitives.ReadUInt32LittleEndian(entry[0x74..]);
                    var length = BinaryPrimitives.ReadUInt64LittleEndian(entry[0x78..]);
                    if (type is 2 or 5 && length >= MiniStreamCutoff && (start > MaxRegularSector || Offset(start) >= size || length > (ulong)size))
                    {
                        return null;
                    }
                    names.Add(Encoding.Unicode.GetString(entry[..(nameBytes - 2)]));
                }
            }

            // The next directory sector, from the FAT sector that holds this one's entry; only the
            // first 109 FAT sectors are listed in the header, far more than a directory near the start needs.
            var fatIndex = sector / (uint)entriesPerFatSector;
            if (fatIndex >= HeaderFatEntries)
            {
                return null;
            }
            var fatSector = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x4C + (int)fatIndex * 4));
            if (fatSector > MaxRegularSector || Offset(fatSector) + sectorSize > size)
            {
                return null;
            }
            if (!fat.TryGetValue(fatSector, out var table))
            {
                table = await read(Offset(fatSector), sectorSize, ct);
                if (table.Length < sectorSize)
                {
                    return null;
                }
                fat[fatSector] = table;
            }
            sector = BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan((int)(sector % (uint)entriesPerFatSector) * 4));
        }
        return names;
    }
}
