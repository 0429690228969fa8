using System.Buffers.Binary;
using System.Text;

namespace Exchange.Materials;

public sealed record FileType(string Id, string Extension, string ContentType);

/// <summary>
/// What a file is, decided by its content: the PDF signature, the ZIP container of a Word or
/// OpenDocument text, or the compound file of a Word document protected with a password. The
/// name and the client's Content-Type decide nothing.
/// </summary>
public static class FileTypes
{
    public static readonly FileType Pdf = new("pdf", ".pdf", "application/pdf");
    public static readonly FileType Docx = new("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    public static readonly FileType Odt = new("odt", ".odt", "application/vnd.oasis.opendocument.text");

    public static readonly IReadOnlyList<FileType> All = [Pdf, Docx, Odt];

    private const string OdtMimeType = "application/vnd.oasis.opendocument.text";
    private const int LocalHeaderLength = 30;

    public static FileType? Find(string? id) => All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The type the first bytes announce. An OpenDocument file must begin with an uncompressed
    /// <c>mimetype</c> entry naming its type; any other ZIP can only be a Word document, which
    /// <see cref="HasExpectedEntries"/> confirms from the central directory once the file is stored.
    /// A compound file is taken for a Word document only if it holds an encrypted package
    /// (<see cref="CompoundFile.IsEncryptedPackage"/>), which is checked the same way.
    /// </summary>
    public static FileType? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (IsCompoundFile(head))
        {
            return Docx;
        }
        if (!head.StartsWith("PK\x03\x04"u8) || head.Length < LocalHeaderLength)
        {
            return null;
        }
        var compression = BinaryPrimitives.ReadUInt16LittleEndian(head[8..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(head[18..]);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head[26..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(head[28..]);
        var nameEnd = LocalHeaderLength + nameLength;
        if (head.Length >= nameEnd && head[LocalHeaderLength..nameEnd].SequenceEqual("mimetype"u8))
        {
            var dataStart = nameEnd + extraLength;
            var isOdt = compression == 0 && size == OdtMimeType.Length && head.Length >= dataStart + OdtMimeType.Length &&
                        head.Slice(dataStart, OdtMimeType.Length).SequenceEqual(Encoding.ASCII.GetBytes(OdtMimeType));
            return isOdt ? Odt : null;
        }
        return Docx;
    }

    /// <summary>The parts a container of this type must hold, as its central directory names them (<see cref="ZipDirectory"/>).</summary>
    public static bool HasExpectedEntries(FileType type, IReadOnlyCollection<string> names) =>
        type == Docx ? names.Contains("[Content_Types].xml") && names.Contains("word/document.xml")
        : type == Odt ? names.Contains("mimetype") && names.Contains("content.xml")
        : true;

    /// <summary>Whether the file is an OLE compound file (a password-protected Office document, or a legacy binary one).</summary>
    public static bool IsCompoundFile(ReadOnlySpan<byte> head) => head.StartsWith(CompoundFile.Signature);

    /// <summary>Whether the type is a ZIP container whose central directory must be checked.</summary>
    public static bool IsContainer(FileType type) => type == Docx || type == Odt;
}
