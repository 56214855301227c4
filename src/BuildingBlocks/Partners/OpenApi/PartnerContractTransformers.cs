using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using StudentBase.Http;

namespace StudentBase.Partners;

/// <summary>
/// Describes the partner contract in every service's OpenAPI document: the API-key scheme, the roles each
/// operation allows, every error answer as problem details, and the Idempotency-Key, If-Match and ETag headers.
/// </summary>
public static class PartnerContractTransformers
{
    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description =
                "Authenticate with your API key in the X-Api-Key header. Errors are RFC 9457 problem details whose " +
                "'type' names the kind of error (GET it for a description). POSTs accept an Idempotency-Key header for safe " +
                "retries; reads of a resource answer an ETag that writes accept in If-Match. Lists are paged with opaque cursors.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "The API key the base issued to your system. Each key has one role and, for universities, " +
                              "companies and applicants, one scope.",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var allowed = metadata.OfType<AllowAttribute>().SelectMany(allow => allow.AllowedRoles).Distinct().ToList();
            if (allowed.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
            {
                return Task.CompletedTask;
            }

            var document = context.Document!;
            DropResultPlaceholders(operation);
            var method = context.Description.HttpMethod ?? "GET";
            var route = context.Description.RelativePath ?? "";

            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] }];
            operation.Description = $"{operation.Description}\n\nAllowed roles: {string.Join(", ", allowed)}.".Trim();
            operation.Responses ??= new OpenApiResponses();
            operation.Parameters ??= [];

            operation.AddProblem(document, Problems.Unauthenticated);
            operation.AddProblem(document, Problems.Forbidden);
            operation.AddProblem(document, Problems.RateLimited);
            operation.AddProblem(document, Problems.Validation);
            if (route.Contains('{'))
            {
                operation.AddProblem(document, Problems.NotFound);
            }

            if (HttpMethods.IsPost(method))
            {
                operation.AddProblem(document, Problems.PayloadTooLarge);
                operation.AddProblem(document, Problems.UnsupportedMediaType);
                operation.AddProblem(document, Problems.IdempotencyKeyReused);
                operation.AddProblem(document, Problems.Conflict);
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyMiddleware.HeaderName,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Any unique string (a UUID is best). A retry with the same key and body returns the first " +
                                  "response and changes nothing; the same key with another body is a 422. Kept for 24 hours.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyMiddleware.MaxKeyLength },
                });
            }

            if (metadata.OfType<HonoursIfMatchAttribute>().Any())
            {
                operation.AddProblem(document, Problems.PreconditionFailed);
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "The ETag you read. When the resource has changed since, the write is refused with 412.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            if (metadata.OfType<AnswersETagAttribute>().Any() || metadata.OfType<HonoursIfMatchAttribute>().Any())
            {
                foreach (var (status, response) in operation.Responses.Where(response => response.Key.StartsWith('2')).ToList())
                {
                    if (response is OpenApiResponse concrete)
                    {
                        concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                        concrete.Headers["ETag"] = new OpenApiHeader
                        {
                            Description = "The resource's version; send it back in If-Match to write only if nobody changed it since.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                        };
                    }
                }
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// An endpoint that answers an IResult documents a 200 with an "IResult" body; its real answers are
    /// declared with ProducesResponseType, so the placeholder goes.
    /// </summary>
    private static void DropResultPlaceholders(OpenApiOperation operation)
    {
        foreach (var (status, response) in operation.Responses?.ToList() ?? [])
        {
            if (response.Content?.Values.Any(media => media.Schema is OpenApiSchemaReference { Reference.Id: "IResult" }) == true)
            {
                operation.Responses!.Remove(status);
            }
        }
    }
}
