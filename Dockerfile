# Go-Between: one image for web (gunicorn), worker and beat.
FROM python:3.12-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Fonts for printed letters (correspondence/printing.py); tesseract and its language models for
# letters on paper (correspondence/reading.py; add tesseract-ocr-LANG for more languages).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
        tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa \
        tesseract-ocr-ita tesseract-ocr-nld tesseract-ocr-pol \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system app && useradd --system --gid app --home-dir /app app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .

COPY . .
RUN DEBUG=false SECRET_KEY=collectstatic-only EMAIL_URL=smtp://localhost:25 python manage.py collectstatic --no-input \
    && mkdir -p /app/var/media \
    && chown -R app:app /app/var

USER app
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"

CMD ["gunicorn", "config.wsgi:application", "--config", "config/gunicorn.conf.py"]
