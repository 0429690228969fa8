using Exchange.Hosting;

namespace Exchange.Accounts;

/// <summary>
/// Standalone only: prints the links that sign-in and invitation mails carry, so a local install
/// needs no mailbox. The hosted app never writes a live link to its logs.
/// </summary>
public sealed class LocalLinks(IConfiguration configuration, ILogger<LocalLinks> logger)
{
    public void Print(string kind, string email, Uri link)
    {
        if (!HostingOptions.IsHosted(configuration))
        {
            logger.LogInformation("{Kind} link for {Email}: {Link}", kind, email, link);
        }
    }
}
