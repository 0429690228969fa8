namespace Exchange.Common;

/// <summary>The edit is guarded by the record's ETag, sent back in <c>If-Match</c> (see <c>EditPrecondition</c>).</summary>
public sealed record IfMatchMetadata(string What, bool Required);

/// <summary>The answer carries the record's ETag, to send back in <c>If-Match</c> with an edit.</summary>
public sealed record ETagMetadata;

/// <summary>The caller is a participant, authorised by the token of the signed link in a reminder mail.</summary>
public sealed record ParticipantLinkMetadata;

/// <summary>A query parameter the handler reads from the request itself; <paramref name="Repeated"/> when it may be given more than once.</summary>
public sealed record QueryParameterMetadata(string Name, string Description, bool Repeated = false);

/// <summary>
/// What an endpoint promises beyond its handler's signature, for the API's OpenAPI document.
/// Handlers read their bodies themselves (to answer a malformed one with a ProblemDetails that
/// names the field), so their body type is declared with <c>Accepts&lt;T&gt;</c> rather than inferred.
/// Only metadata is added: the document is built from it when it is first asked for, never at start.
/// </summary>
public static class EndpointContract
{
    /// <summary>The edit needs the record's ETag in If-Match; <paramref name="required"/> false means "no header creates".</summary>
    public static TBuilder IfMatch<TBuilder>(this TBuilder builder, string what, bool required = true) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IfMatchMetadata(what, required));

    public static TBuilder ETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ETagMetadata());

    public static TBuilder ParticipantLink<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ParticipantLinkMetadata());

    public static TBuilder Query<TBuilder>(this TBuilder builder, string name, string description, bool repeated = false) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameterMetadata(name, description, repeated));
}
