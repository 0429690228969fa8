using Microsoft.AspNetCore.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;

namespace Exchange.Hosting;

/// <summary>
/// A route or query value that does not parse reaches the client in one of two ways. Endpoints
/// throw a <see cref="BadHttpRequestException"/> for required parameters (ThrowOnBadRequest is
/// on), which <see cref="ExceptionProblems"/> maps. The compile-time generated endpoints answer an
/// optional parameter that does not parse (<c>int? days</c> given <c>abc</c>) with a bare 400 and
/// no word of which one; this finds it from the endpoint's parameter metadata, so that answer too
/// names the parameter.
/// </summary>
public static class BindingFailures
{
    public static async Task WriteStatusProblemAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (context.Response.StatusCode == StatusCodes.Status400BadRequest && Unparsable(context).FirstOrDefault() is { } field)
        {
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = ExceptionProblems.Validation(field.Name, field.Message) });
            return;
        }
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = context.Response.StatusCode } });
    }

    public static string NotValid(string value) => $"\"{(value.Length <= 40 ? value : value[..40] + "…")}\" is not a valid value for this parameter.";

    private static IEnumerable<(string Name, string Message)> Unparsable(HttpContext context)
    {
        var parameters = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [];
        foreach (var parameter in parameters.Where(p => p.HasTryParse))
        {
            var raw = context.Request.RouteValues.TryGetValue(parameter.Name, out var routeValue)
                ? routeValue?.ToString()
                : context.Request.Query[parameter.Name].FirstOrDefault();
            if (!string.IsNullOrEmpty(raw) && !Parses(parameter.ParameterInfo.ParameterType, raw))
            {
                yield return (parameter.Name, NotValid(raw));
            }
        }
    }

    private static bool Parses(Type type, string raw)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return Enum.TryParse(type, raw, ignoreCase: true, out _);
        }
        var withCulture = type.GetMethod("TryParse", [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withCulture is not null)
        {
            return (bool)withCulture.Invoke(null, [raw, CultureInfo.InvariantCulture, null])!;
        }
        var plain = type.GetMethod("TryParse", [typeof(string), type.MakeByRefType()]);
        // A type whose parsing cannot be repeated here is not named rather than named wrongly.
        return plain is null || (bool)plain.Invoke(null, [raw, null])!;
    }
}
