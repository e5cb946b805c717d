"""Ask: question understanding, hybrid retrieval, grounded answers and the `Coach` that ties them together."""
