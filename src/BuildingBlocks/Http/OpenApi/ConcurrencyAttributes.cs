namespace StudentBase.Http;

/// <summary>The endpoint answers the aggregate's stream version in an ETag header.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnswersETagAttribute : Attribute;

/// <summary>The endpoint honours If-Match (412 on a stale ETag) and answers 409 when a concurrent writer won.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HonoursIfMatchAttribute : Attribute;
