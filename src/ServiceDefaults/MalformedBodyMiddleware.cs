using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace StudentBase.ServiceDefaults;

/// <summary>
/// Reads a command's JSON body once before its endpoint does: a body that does not fit the command is the partner's
/// mistake, answered 400 and logged at Information, where Wolverine would log it as an error of the service.
/// </summary>
internal sealed partial class MalformedBodyMiddleware(
    RequestDelegate next, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<MalformedBodyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var requestType = context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.RequestType;
        if (requestType is null || requestType == typeof(void) || !context.Request.HasJsonContentType())
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        try
        {
            await JsonSerializer.DeserializeAsync(context.Request.Body, requestType, json.Value.SerializerOptions, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            var command = context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.DisplayName ?? requestType.Name;
            Malformed(logger, command, context.Request.Method, context.Request.Path.Value ?? "", exception.Path ?? "$");
            await Problems.WriteAsync(context, Problems.MalformedRequest, exception.Message);
            return;
        }

        context.Request.Body.Position = 0;
        await next(context);
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Command}: malformed body at {JsonPath} ({Method} {Path})")]
    private static partial void Malformed(ILogger logger, string command, string method, string path, string jsonPath);
}
