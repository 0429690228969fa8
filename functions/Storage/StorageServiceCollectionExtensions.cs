using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Exchange.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// One service client per storage service; per-table and per-container clients are keyed
    /// singletons derived from them, so a feature asks for exactly the table it uses.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || (o.BlobServiceUri is not null && o.TableServiceUri is not null),
                "Configure Storage:ConnectionString, or both Storage:BlobServiceUri and Storage:TableServiceUri.")
            .ValidateOnStart();

        services.AddSingleton<TokenCredential>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = options.ManagedIdentityClientId,
            });
        });

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = new TableClientOptions();
            clientOptions.Retry.MaxRetries = 3;
            clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new TableServiceClient(options.TableServiceUri, sp.GetRequiredService<TokenCredential>(), clientOptions)
                : new TableServiceClient(options.ConnectionString, clientOptions);
        });

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = new BlobClientOptions();
            clientOptions.Retry.MaxRetries = 3;
            clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new BlobServiceClient(options.BlobServiceUri, sp.GetRequiredService<TokenCredential>(), clientOptions)
                : new BlobServiceClient(options.ConnectionString, clientOptions);
        });
        services.AddSingleton(sp => new BlobSigner(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<TimeProvider>()));
        // Browsers move files straight to and from the Blob endpoint, so the site's policy must let them connect to it.
        services.AddSingleton(sp => new ConnectSource(sp.GetRequiredService<IOptions<StorageOptions>>().Value.BlobOrigin() ?? "'self'"));

        foreach (var table in StorageNames.Tables)
        {
            services.AddKeyedSingleton(table, (sp, key) => sp.GetRequiredService<TableServiceClient>().GetTableClient((string)key!));
        }
        foreach (var container in StorageNames.Containers)
        {
            services.AddKeyedSingleton(container, (sp, key) => sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient((string)key!));
        }

        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        services.AddSingleton<StorageHealth>();
        return services;
    }
}
