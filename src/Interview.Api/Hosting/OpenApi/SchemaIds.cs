namespace Interview.Api.Hosting.OpenApi;

/// <summary>Schema ids that outside tools accept: "Api.Accounts.MeResponse", and generics by their arguments ("QuestionItemPagedList").</summary>
public static class SchemaIds
{
    public static string For(Type type) =>
        type.IsGenericType ? Short(type) : type.FullName!.Replace("+", ".").Replace("Interview.", "");

    private static string Short(Type type) =>
        type.IsGenericType
            ? string.Concat(type.GetGenericArguments().Select(Short)) + type.Name[..type.Name.IndexOf('`')]
            : type.IsArray ? Short(type.GetElementType()!) + "Array" : type.Name;
}
