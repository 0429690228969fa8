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
/// Streams a request body into a block blob without holding the file: the body is read into
/// one of a small ring of pooled block buffers while the earlier blocks are being staged, the
/// SHA-256 is computed as the bytes pass, and the type is decided from the first block before
/// anything is staged. Only a complete, allowed, non-empty body within the limit is committed;
/// until then the blocks are invisible, so an interrupted upload leaves nothing behind.
/// </summary>
public static class BlockUpload
{
    /// <summary>Blocks in memory per upload: one being filled while the others are staged.</summary>
    public const int Ring = 4;

    /// <summary>
    /// A pool of its own rather than the shared one: the shared pool parks returned arrays in
    /// per-thread slots, and with async code each upload can strand multi-megabyte blocks on
    /// whichever threads it happened to finish on.
    /// </summary>
    private static readonly ArrayPool<byte> Blocks = ArrayPool<byte>.Create(maxArrayLength: 128 * 1024 * 1024, maxArraysPerBucket: 4 * Ring);

    public static async Task<(StoredFile? File, UploadProblem Problem)> RunAsync(
        Stream body, BlockBlobClient blob, IReadOnlyCollection<FileType> allowed, long maxBytes, int blockBytes, CancellationToken ct)
    {
        using var staging = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffers = new byte[]?[Ring];
        var stages = new Task?[Ring];
        var blockIds = new List<string>();
        FileType? type = null;
        long total = 0;
        var committed = false;
        try
        {
            for (var index = 0; ; index++)
            {
                var slot = index % Ring;
                if (stages[slot] is { } previous)
                {
                    await previous;
                }
                var buffer = buffers[slot] ??= Blocks.Rent(blockBytes);
                // Reading one byte past the limit is enough to know the body is too large.
                var (filled, ended) = await FillAsync(body, buffer, (int)Math.Min(blockBytes, maxBytes - total + 1), ct);
                total += filled;
                if (total > maxBytes)
                {
                    return (null, UploadProblem.TooLarge);
                }
                if (index == 0 && filled > 0)
                {
                    type = FileTypes.Sniff(buffer.AsSpan(0, filled));
                    if (type is null || !allowed.Contains(type))
                    {
                        return (null, UploadProblem.UnsupportedType);
                    }
                }
                if (filled > 0)
                {
                    hash.AppendData(buffer, 0, filled);
                    var id = Convert.ToBase64String(BitConverter.GetBytes(index));
                    blockIds.Add(id);
                    stages[slot] = blob.StageBlockAsync(id, new MemoryStream(buffer, 0, filled, writable: false), cancellationToken: staging.Token);
                }
                if (ended)
                {
                    break;
                }
            }
            await Task.WhenAll(stages.OfType<Task>());
            if (total == 0)
            {
                return (null, UploadProblem.Empty);
            }
            await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = type!.ContentType } }, ct);
            committed = true;
            return (new StoredFile(type, total, Convert.ToHexStringLower(hash.GetHashAndReset())), UploadProblem.None);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, UploadProblem.TooLarge);
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException || (ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            // The client went away or broke off the body; the staged blocks were never committed.
            return (null, UploadProblem.Interrupted);
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
            foreach (var buffer in buffers.OfType<byte[]>())
            {
                Blocks.Return(buffer);
            }
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
