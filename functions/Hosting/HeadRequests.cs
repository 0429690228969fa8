using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Exchange.Hosting;

/// <summary>
/// Every GET route answers HEAD as well (RFC 9110 §9.3.2): the same status and headers, and no
/// body, which the server leaves out. Routes say GET; this adds HEAD to each of them once all
/// are mapped, so no route can forget it and the catch-all for unknown API paths never takes it.
/// </summary>
public static class HeadRequests
{
    public static WebApplication AnswerHeadOnGetRoutes(this WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources;
        var wrapped = sources.Select(s => new HeadAlongsideGet(s)).ToList();
        sources.Clear();
        foreach (var source in wrapped)
        {
            sources.Add(source);
        }
        return app;
    }

    /// <summary>
    /// Runs a HEAD request as its GET would run, keeping what the handler writes out of the
    /// response but counting it, so the answer also carries the Content-Length the GET body has,
    /// on any server.
    /// </summary>
    public static async Task WithoutBodyAsync(HttpContext context, Func<Task> next)
    {
        if (!context.Request.IsHead())
        {
            await next();
            return;
        }
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var discarded = new CountedBody();
        context.Features.Set<IHttpResponseBodyFeature>(discarded);
        try
        {
            await next();
        }
        finally
        {
            context.Features.Set(original);
        }
        if (!context.Response.HasStarted && context.Response.ContentLength is null && discarded.Written > 0)
        {
            context.Response.ContentLength = discarded.Written;
        }
    }

    /// <summary>True for a HEAD request: handlers skip work whose only product is the body (a download from storage, a count).</summary>
    public static bool IsHead(this HttpRequest request) => HttpMethods.IsHead(request.Method);

    private sealed class HeadAlongsideGet(EndpointDataSource inner) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => inner.Endpoints.Select(WithHead).ToList();

        public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) => inner.GetGroupedEndpoints(context).Select(WithHead).ToList();

        public override IChangeToken GetChangeToken() => inner.GetChangeToken();

        private static Endpoint WithHead(Endpoint endpoint)
        {
            if (endpoint is not RouteEndpoint route ||
                route.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods ||
                !methods.HttpMethods.Contains(HttpMethods.Get) || methods.HttpMethods.Contains(HttpMethods.Head))
            {
                return endpoint;
            }
            var withHead = new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight);
            var metadata = route.Metadata.Select(m => ReferenceEquals(m, methods) ? withHead : m);
            return new RouteEndpoint(route.RequestDelegate!, route.RoutePattern, route.Order, new EndpointMetadataCollection(metadata), route.DisplayName);
        }
    }

    /// <summary>A response body that counts what is written and sends nothing; the response starts only after the handler is done.</summary>
    private sealed class CountedBody : Stream, IHttpResponseBodyFeature
    {
        private PipeWriter? _writer;

        public long Written { get; private set; }

        public Stream Stream => this;

        public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

        public void DisableBuffering()
        {
        }

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
        {
            Written += count ?? new FileInfo(path).Length - offset;
            return Task.CompletedTask;
        }

        public async Task CompleteAsync()
        {
            if (_writer is not null)
            {
                await _writer.FlushAsync();
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Written += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Written += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Written += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override long Length => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
