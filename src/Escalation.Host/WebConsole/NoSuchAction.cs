using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Escalation.Host.WebConsole;

/// <summary>
/// A console request that selects no handler of its page (a POST to a page without forms, or naming an action the page
/// does not have) would render the page without running the code that loads it, and fail on the missing model. It is
/// refused instead: 405 when the page takes no such method, 400 when it does but has no such action (problem details,
/// by the status code pages).
/// </summary>
public sealed class NoSuchAction : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is not null || HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            return next();
        var takesMethod = context.ActionDescriptor.HandlerMethods.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase));
        if (!takesMethod)
            context.HttpContext.Response.Headers.Allow = "GET, HEAD";
        context.Result = new StatusCodeResult(takesMethod ? StatusCodes.Status400BadRequest : StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }
}
