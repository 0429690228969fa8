using System.Net.Sockets;
using Azure;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Exchange.Hosting;

/// <summary>
/// The one rule for "storage is unreachable or not answering in time", as opposed to a bug:
/// connection refused, DNS failure, a reset, a timeout, a 5xx or throttling from storage after
/// its retries, an open circuit, and the SDK's aggregate of any of them.
/// </summary>
public static class StorageFaults
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        BrokenCircuitException or TimeoutRejectedException => true,
        RequestFailedException { Status: 0 } => true,
        RequestFailedException { Status: 408 or 429 or 500 or 502 or 503 or 504 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnavailable),
        HttpRequestException or SocketException => true,
        Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException => true,
        // The SDK's own network timeout; a cancellation by the caller is told apart by the caller.
        OperationCanceledException => true,
        _ => false,
    };
}
