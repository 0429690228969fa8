using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Exchange.Storage;

/// <summary>
/// Valet keys: short-lived shared access signatures for one blob, so a browser moves the bytes
/// straight to or from storage. With an account key (Azurite locally) they are service SAS;
/// in Azure, where shared keys are off, they are user-delegation SAS signed with a key the
/// managed identity obtains from the Blob service and that is reused until shortly before it expires.
/// The URIs carry a secret: callers hand them to the client and never store or log them.
/// </summary>
public sealed class BlobSigner
{
    /// <summary>How long a user-delegation key is asked for; SAS never outlive the key that signs them.</summary>
    public static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(6);

    private readonly Func<DateTimeOffset, DateTimeOffset, CancellationToken, Task<UserDelegationKey>>? _delegationKeys;
    private readonly string _accountName;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _key;

    public BlobSigner(BlobServiceClient blobs, TimeProvider time)
        : this(blobs.CanGenerateAccountSasUri ? null : async (start, expiry, ct) => (await blobs.GetUserDelegationKeyAsync(start, expiry, ct)).Value,
            blobs.AccountName, time)
    {
    }

    /// <summary>Signs with user-delegation keys from <paramref name="delegationKeys"/>; null means the blob clients hold an account key.</summary>
    public BlobSigner(Func<DateTimeOffset, DateTimeOffset, CancellationToken, Task<UserDelegationKey>>? delegationKeys, string accountName, TimeProvider time)
    {
        _delegationKeys = delegationKeys;
        _accountName = accountName;
        _time = time;
    }

    public bool UsesDelegation => _delegationKeys is not null;

    /// <summary>
    /// Read only, for this blob (or this snapshot of it) alone. The response-header overrides make
    /// storage answer with our type and file name whatever the blob's own properties say.
    /// </summary>
    public Task<Uri> ReadAsync(BlobClient blob, TimeSpan lifetime, string contentType, string contentDisposition, CancellationToken ct)
    {
        var snapshot = BlobUriBuilder(blob).Snapshot;
        var builder = Builder(blob, BlobSasPermissions.Read, lifetime);
        if (!string.IsNullOrEmpty(snapshot))
        {
            builder.Resource = "bs";
            builder.Snapshot = snapshot;
        }
        builder.ContentType = contentType;
        builder.ContentDisposition = contentDisposition;
        return SignAsync(blob, builder, ct);
    }

    /// <summary>Write only, for this blob alone: blocks, the block list and its properties; no reading, no deleting.</summary>
    public Task<Uri> WriteAsync(BlobClient blob, TimeSpan lifetime, CancellationToken ct) =>
        SignAsync(blob, Builder(blob, BlobSasPermissions.Write, lifetime), ct);

    private BlobSasBuilder Builder(BlobClient blob, BlobSasPermissions permissions, TimeSpan lifetime) =>
        new(permissions, _time.GetUtcNow() + lifetime)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };

    private async Task<Uri> SignAsync(BlobClient blob, BlobSasBuilder builder, CancellationToken ct)
    {
        if (_delegationKeys is null)
        {
            return blob.GenerateSasUri(builder);
        }
        var key = await DelegationKeyAsync(builder.ExpiresOn, ct);
        return new BlobUriBuilder(blob.Uri) { Sas = builder.ToSasQueryParameters(key, _accountName) }.ToUri();
    }

    /// <summary>A key valid until at least <paramref name="until"/>; one request to the Blob service every few hours.</summary>
    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset until, CancellationToken ct)
    {
        if (_key is { } current && current.SignedExpiresOn >= until)
        {
            return current;
        }
        await _keyLock.WaitAsync(ct);
        try
        {
            if (_key is { } fresh && fresh.SignedExpiresOn >= until)
            {
                return fresh;
            }
            var now = _time.GetUtcNow();
            // Started a little in the past: the storage service's clock may be behind ours.
            _key = await _delegationKeys!(now.AddMinutes(-5), now + DelegationKeyLifetime, ct);
            return _key;
        }
        finally
        {
            _keyLock.Release();
        }
    }

    private static BlobUriBuilder BlobUriBuilder(BlobClient blob) => new(blob.Uri);
}
