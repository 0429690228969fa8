using System.Buffers;
using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Exchange.Materials;

public enum UploadProblem
{
    None,
    Empty,
    TooLarge,
    UnsupportedType,
    Interrupted,
}

public sealed record StoredFile(FileType Type, long Size, string Sha256);

/// <summary>
/// Streams a request body into a block blob without holding the file. The type is decided from
/// the first block before anything is sent to storage, and the SHA-256 is computed as the bytes
/// pass. A body of declared length is streamed in one Put Blob request; one without a length is
/// staged in blocks and committed at the end. Either way only a complete, allowed, non-empty
/// body within the limit becomes a blob, so an interrupted upload leaves nothing behind.
/// </summary>
public static class BlockUpload
{
    /// <summary>Blocks in memory per staged upload: one being filled while the others are staged.</summary>
    public const int Ring = 4;

    /// <summary>
    /// A pool of its own rather than the shared one: the shared pool parks returned arrays in
    /// per-thread slots, and with async code each upload can strand multi-megabyte blocks on
    /// whichever threads it happened to finish on.
    /// </summary>
    private static readonly ArrayPool<byte> Blocks = ArrayPool<byte>.Create(maxArrayLength: 128 * 1024 * 1024, maxArraysPerBucket: 4 * Ring);

    public static async Task<(StoredFile? File, UploadProblem Problem)> RunAsync(
        Stream body, long? declaredLength, UploadTarget target, IReadOnlyCollection<FileType> allowed, long maxBytes, int blockBytes, ILogger logger,
        CancellationToken ct)
    {
        var first = Blocks.Rent(blockBytes);
        try
        {
            // Reading one byte past the limit is enough to know the body is too large.
            var (filled, ended) = await FillAsync(body, first, (int)Math.Min(blockBytes, maxBytes + 1), ct);
            if (filled > maxBytes)
            {
                return (null, UploadProblem.TooLarge);
            }
            if (filled == 0)
            {
                return (null, UploadProblem.Empty);
            }
            var type = FileTypes.Sniff(first.AsSpan(0, filled));
            if (type is null || !allowed.Contains(type))
            {
                return (null, UploadProblem.UnsupportedType);
            }
            var head = new Head(first, filled, ended, type);
            if (declaredLength is { } length && length <= maxBytes && (!ended || length == filled))
            {
                logger.LogInformation("Streaming {Length} bytes of {Type} into {BlobName} in one request", length, type.Id, target.Blob.Name);
                return await PutAsync(head, body, length, target, ct);
            }
            logger.LogInformation("Staging {Type} of undeclared length into {BlobName} in blocks", type.Id, target.Blob.Name);
            return await StageAsync(head, body, target.Blob, maxBytes, blockBytes, ct);
        }
        catch (Exception ex) when (Chain(ex).OfType<BadHttpRequestException>().Any(e => e.StatusCode == StatusCodes.Status413PayloadTooLarge))
        {
            return (null, UploadProblem.TooLarge);
        }
        catch (Exception ex) when (Interrupted(ex, ct))
        {
            // The client went away or broke off the body; nothing was committed.
            return (null, UploadProblem.Interrupted);
        }
        finally
        {
            Blocks.Return(first);
        }
    }

    /// <summary>The first block of a body, already read and its type known.</summary>
    private sealed record Head(byte[] Buffer, int Length, bool Ended, FileType Type);

    /// <summary>
    /// A body of declared length goes to storage in one Put Blob request, streamed from the
    /// request as it arrives: one pass through the server, one write in the store, and no blob
    /// at all unless every byte arrived. The request cannot be retried (the body is read once),
    /// so it goes through the target's single-attempt client, except a body that fit in the
    /// first block, which can be sent again.
    /// </summary>
    private static async Task<(StoredFile? File, UploadProblem Problem)> PutAsync(Head head, Stream body, long length, UploadTarget target, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = head.Type.ContentType } };
        if (head.Ended)
        {
            hash.AppendData(head.Buffer, 0, head.Length);
            await target.Blob.UploadAsync(new MemoryStream(head.Buffer, 0, head.Length, writable: false), options, ct);
        }
        else
        {
            await using var content = new ForwardOnlyBody(head.Buffer, head.Length, body, length, hash);
            await target.SingleAttempt.UploadAsync(content, options, ct);
            if (content.Position != length)
            {
                // Storage answered without reading the whole body; nothing of it may count as stored.
                await target.Blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
                return (null, UploadProblem.Interrupted);
            }
        }
        return (new StoredFile(head.Type, length, Convert.ToHexStringLower(hash.GetHashAndReset())), UploadProblem.None);
    }

    /// <summary>
    /// A body of unknown length is staged block by block: each block is read into one of a
    /// small ring of pooled buffers while the earlier ones are being staged, and the block list
    /// is committed only when the whole body arrived within the limit.
    /// </summary>
    private static async Task<(StoredFile? File, UploadProblem Problem)> StageAsync(
        Head head, Stream body, BlockBlobClient blob, long maxBytes, int blockBytes, CancellationToken ct)
    {
        using var staging = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The first block's buffer belongs to the caller; it serves as slot 0 again once staged.
        var buffers = new byte[]?[Ring];
        buffers[0] = head.Buffer;
        var stages = new Task?[Ring];
        var blockIds = new List<string>();
        long total = 0;
        var committed = false;
        try
        {
            var (buffer, filled, ended) = (head.Buffer, head.Length, head.Ended);
            for (var index = 0; ; index++)
            {
                if (index > 0)
                {
                    var slot = index % Ring;
                    if (stages[slot] is { } previous)
                    {
                        await previous;
                    }
                    buffer = buffers[slot] ??= Blocks.Rent(blockBytes);
                    (filled, ended) = await FillAsync(body, buffer, (int)Math.Min(blockBytes, maxBytes - total + 1), ct);
                }
                total += filled;
                if (total > maxBytes)
                {
                    return (null, UploadProblem.TooLarge);
                }
                if (filled > 0)
                {
                    hash.AppendData(buffer, 0, filled);
                    var id = Convert.ToBase64String(BitConverter.GetBytes(index));
                    blockIds.Add(id);
                    stages[index % Ring] = blob.StageBlockAsync(id, new MemoryStream(buffer, 0, filled, writable: false), cancellationToken: staging.Token);
                }
                if (ended)
                {
                    break;
                }
            }
            await Task.WhenAll(stages.OfType<Task>());
            await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = head.Type.ContentType } }, ct);
            committed = true;
            return (new StoredFile(head.Type, total, Convert.ToHexStringLower(hash.GetHashAndReset())), UploadProblem.None);
        }
        finally
        {
            if (!committed)
            {
                await staging.CancelAsync();
            }
            // Stages may still be reading the buffers; they go back to the pool only when done.
            try
            {
                await Task.WhenAll(stages.OfType<Task>());
            }
            catch (Exception) when (!committed)
            {
                // Failed or cancelled stages of an upload that is being abandoned anyway.
            }
            foreach (var buffer in buffers.OfType<byte[]>().Where(b => b != head.Buffer))
            {
                Blocks.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Whether a failure was the client's body breaking off. Storage and HTTP clients wrap what
    /// the body stream threw, so the whole chain of inner exceptions is looked at.
    /// </summary>
    private static bool Interrupted(Exception ex, CancellationToken ct) =>
        (ex is OperationCanceledException && ct.IsCancellationRequested) || Chain(ex).Any(e => e is IOException or BadHttpRequestException);

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static async Task<(int Filled, bool Ended)> FillAsync(Stream body, byte[] buffer, int count, CancellationToken ct)
    {
        var filled = 0;
        while (filled < count)
        {
            var read = await body.ReadAsync(buffer.AsMemory(filled, count - filled), ct);
            if (read == 0)
            {
                return (filled, true);
            }
            filled += read;
        }
        return (filled, false);
    }
}

/// <summary>
/// Where an upload goes: <see cref="Blob"/> through the usual client, and the same blob through
/// a client that makes a single attempt, for requests whose body cannot be sent twice.
/// </summary>
public sealed record UploadTarget(BlockBlobClient Blob, BlockBlobClient SingleAttempt);

/// <summary>
/// The request body as the content of a Put Blob request: the first block already read, then
/// the rest as it arrives, hashed on the way, ending exactly at the declared length. Storage
/// clients want seekable content with a length; this one can only "seek" to where it is, so a
/// retry that would need the bytes again fails instead of sending a different body.
/// </summary>
internal sealed class ForwardOnlyBody(byte[] head, int headLength, Stream rest, long length, IncrementalHash hash) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return target == _position ? _position : throw new NotSupportedException("The request body can be read only once.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (_position < headLength)
        {
            read = Math.Min(buffer.Length, headLength - (int)_position);
            head.AsSpan((int)_position, read).CopyTo(buffer.Span);
        }
        else if (_position >= length)
        {
            return 0;
        }
        else
        {
            read = await rest.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - _position)], cancellationToken);
            if (read == 0)
            {
                throw new IOException("The request body ended before its declared length.");
            }
        }
        hash.AppendData(buffer.Span[..read]);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>The request body is read asynchronously only (Kestrel refuses synchronous reads).</summary>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
