namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>
/// A write waiting for the group-commit writer. <see cref="Apply"/> runs inside the batch's transaction and records
/// an outcome (a result, or a refusal such as a conflict, which changes nothing); the outcome reaches the caller only
/// after the transaction has committed, so an acknowledged write is durable.
/// </summary>
internal abstract class WriteOperation
{
    /// <summary>Checks and performs the write in the open transaction. Throws only for database failures.</summary>
    public abstract void Apply(WriteBatch batch);

    /// <summary>Hands the recorded outcome to the caller after commit; <paramref name="transactionTime"/> is how long
    /// the whole transaction held the writer, from BEGIN to the end of COMMIT's fsync.</summary>
    public abstract void Complete(TimeSpan transactionTime);

    /// <summary>Fails the caller (the transaction did not commit).</summary>
    public abstract void Fail(Exception error);
}

/// <summary>A write whose caller awaits a <typeparamref name="T"/>.</summary>
internal abstract class WriteOperation<T> : WriteOperation
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private StorageException? _refusal;

    public Task<T> Task => _done.Task;

    public override void Complete(TimeSpan transactionTime)
    {
        Committed(transactionTime);
        if (_refusal is not null)
        {
            _done.TrySetException(_refusal);
        }
        else
        {
            _done.TrySetResult(_result!);
        }
    }

    public override void Fail(Exception error) => _done.TrySetException(error);

    /// <summary>Lets an operation record what its transaction cost before its caller is told.</summary>
    protected virtual void Committed(TimeSpan transactionTime)
    {
    }

    protected void Succeed(T result)
    {
        _result = result;
        _refusal = null;
    }

    protected void Refuse(StorageException refusal)
    {
        _result = default;
        _refusal = refusal;
    }
}
