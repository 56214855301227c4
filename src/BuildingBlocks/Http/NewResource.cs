using System.Text.Json.Serialization;
using Wolverine.Http;

namespace StudentBase.Http;

/// <summary>
/// What a creation answers: <c>201 Created</c>, the new resource's address in <c>Location</c>, and a body naming its id and
/// address (<c>{"id": …, "url": …}</c>). Answers that say more about what was created derive from it.
/// </summary>
public record NewResource<TId>([property: JsonPropertyOrder(-1)] TId Id, string Url) : CreationResponse(Url);
